namespace Portal.Domain.Deployments;

public enum StepState
{
    Pending,
    Running,
    Completed,
    Failed,
    Skipped,
}
