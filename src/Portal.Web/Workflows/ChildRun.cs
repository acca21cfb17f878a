namespace Portal.Web.Workflows;

/// <summary>A child workflow a RunWorkflow activity of this instance ran to its end.</summary>
public sealed record ChildRun(string ActivityId, string ActivityName, string InstanceId);
