namespace Portal.Workflows.Runtime;

/// <summary>An activity execution waiting its turn in an instance.</summary>
public sealed record ScheduledExecution(string ExecutionId, string ActivityId);
