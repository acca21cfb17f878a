namespace Portal.Web.Designer;

/// <summary>The id and name given to a new or duplicated workflow.</summary>
public sealed record NewWorkflowName(string Id, string Name);
