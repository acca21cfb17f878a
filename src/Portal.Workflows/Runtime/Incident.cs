namespace Portal.Workflows.Runtime;

/// <summary>An activity that failed: what, when, which attempt, and whether it is still open.</summary>
public sealed record Incident(string ActivityId, string ExecutionId, int Attempt, string Message, DateTimeOffset At, bool Resolved = false);
