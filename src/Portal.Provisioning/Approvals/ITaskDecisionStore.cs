namespace Portal.Provisioning.Approvals;

/// <summary>Decisions on approval tasks: who decided what, once per slot, and whether the workflow has taken it yet.</summary>
public interface ITaskDecisionStore
{
    /// <summary>Records the decision unless its slot is taken; returns the decision holding the slot then, else null.</summary>
    Task<TaskDecision?> TryRecordAsync(TaskDecision decision, CancellationToken cancellationToken);

    Task MarkAppliedAsync(string slot, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<TaskDecision>> ForRequestAsync(Guid requestId, CancellationToken cancellationToken);

    Task<IReadOnlyList<TaskDecision>> ForTaskAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>Decisions recorded before <paramref name="decidedBefore"/> that no workflow has taken yet (the node died in between).</summary>
    Task<IReadOnlyList<TaskDecision>> UnappliedAsync(DateTimeOffset decidedBefore, int max, CancellationToken cancellationToken);
}
