namespace Portal.Workflows.Runtime;

/// <summary>Where an instance stands. Suspended: every path waits on a bookmark.</summary>
public enum WorkflowStatus
{
    Running,
    Suspended,
    Completed,
    Faulted,
    Cancelled,
}
