using Microsoft.EntityFrameworkCore;
using Portal.Provisioning.Approvals;

namespace Portal.Data.Approvals;

/// <summary>Decisions on the portal database: the slot is the primary key, so the database decides which of two comes first.</summary>
public sealed class EfTaskDecisionStore(PortalDbContext db) : ITaskDecisionStore
{
    public async Task<TaskDecision?> TryRecordAsync(TaskDecision decision, CancellationToken cancellationToken)
    {
        if (await FindAsync(decision.Slot, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        db.Set<TaskDecisionRecord>().Add(new TaskDecisionRecord
        {
            Slot = decision.Slot, TaskId = decision.TaskId, InstanceId = decision.InstanceId, RequestId = decision.RequestId, Task = Clip(decision.Task, 500),
            User = decision.User, Roles = string.Join(',', decision.Roles), Outcome = decision.Outcome, Comment = decision.Comment, DecidedAt = decision.DecidedAt,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException)
        {
            // Another decision took the slot between the read and the insert.
            db.ChangeTracker.Clear();
            return await FindAsync(decision.Slot, cancellationToken) ?? throw new InvalidOperationException($"The decision on {decision.TaskId} could not be recorded.");
        }
    }

    public async Task MarkAppliedAsync(string slot, DateTimeOffset at, CancellationToken cancellationToken) =>
        await db.Set<TaskDecisionRecord>().Where(d => d.Slot == slot && d.AppliedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.AppliedAt, at), cancellationToken);

    public async Task<IReadOnlyList<TaskDecision>> ForRequestAsync(Guid requestId, CancellationToken cancellationToken) =>
        (await db.Set<TaskDecisionRecord>().AsNoTracking().Where(d => d.RequestId == requestId).OrderBy(d => d.DecidedAt).ToListAsync(cancellationToken))
            .Select(Read).ToList();

    public async Task<IReadOnlyList<TaskDecision>> ForTaskAsync(string taskId, CancellationToken cancellationToken) =>
        (await db.Set<TaskDecisionRecord>().AsNoTracking().Where(d => d.TaskId == taskId).OrderBy(d => d.DecidedAt).ToListAsync(cancellationToken))
            .Select(Read).ToList();

    public async Task<IReadOnlyList<TaskDecision>> UnappliedAsync(DateTimeOffset decidedBefore, int max, CancellationToken cancellationToken) =>
        (await db.Set<TaskDecisionRecord>().AsNoTracking().Where(d => d.AppliedAt == null && d.DecidedAt < decidedBefore)
            .OrderBy(d => d.DecidedAt).Take(max).ToListAsync(cancellationToken))
            .Select(Read).ToList();

    private async Task<TaskDecision?> FindAsync(string slot, CancellationToken cancellationToken) =>
        await db.Set<TaskDecisionRecord>().AsNoTracking().FirstOrDefaultAsync(d => d.Slot == slot, cancellationToken) is { } record ? Read(record) : null;

    private static TaskDecision Read(TaskDecisionRecord record) => new()
    {
        Slot = record.Slot, TaskId = record.TaskId, InstanceId = record.InstanceId, RequestId = record.RequestId, Task = record.Task, User = record.User,
        Roles = record.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries), Outcome = record.Outcome, Comment = record.Comment,
        DecidedAt = record.DecidedAt, AppliedAt = record.AppliedAt,
    };

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
