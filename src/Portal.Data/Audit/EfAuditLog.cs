using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Portal.Domain.Audit;

namespace Portal.Data.Audit;

/// <summary>
/// The audit log on the portal database. Scoped like the stores, so it shares their <see cref="PortalDbContext"/>:
/// an entry staged for an action is an added row that the action's own SaveChanges writes with everything else.
/// </summary>
public sealed class EfAuditLog(PortalDbContext db, IAuditContext context, TimeProvider clock) : IAuditLog
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        await SaveAloneAsync(Stage(entry), cancellationToken);

    public async Task<T> RecordWithAsync<T>(AuditEntry entry, Func<Task<T>> action, Func<T, bool> succeeded, CancellationToken cancellationToken)
    {
        var record = Stage(entry);
        var saved = false;
        void Watch(object? sender, EntityStateChangedEventArgs change)
        {
            // Added to Unchanged is what a successful SaveChanges does to the rows it wrote.
            if (ReferenceEquals(change.Entry.Entity, record) && change is { OldState: EntityState.Added, NewState: EntityState.Unchanged })
            {
                saved = true;
            }
        }

        db.ChangeTracker.StateChanged += Watch;
        T result;
        try
        {
            result = await action();
        }
        catch
        {
            Forget(record);
            throw;
        }
        finally
        {
            db.ChangeTracker.StateChanged -= Watch;
        }

        if (saved)
        {
            Forget(record);
        }
        else if (succeeded(result))
        {
            // The action changed the database without saving tracked changes (ExecuteUpdate/ExecuteDelete), or cleared
            // the tracker after a conflict and saved again without the entry: it happened, so it is recorded now.
            await SaveAloneAsync(record, cancellationToken);
        }
        else
        {
            Forget(record);
        }

        return result;
    }

    private AuditEventRecord Stage(AuditEntry entry)
    {
        var record = AuditEventRecord.From(AuditEvent.Of(entry, context.Current, clock.GetUtcNow()));
        db.Set<AuditEventRecord>().Add(record);
        return record;
    }

    private async Task SaveAloneAsync(AuditEventRecord record, CancellationToken cancellationToken)
    {
        var entry = db.Entry(record);
        if (entry.State != EntityState.Added)
        {
            entry.State = EntityState.Added;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            Forget(record);
        }
    }

    /// <summary>The row is done with (written, or not to be written): the context stops tracking it.</summary>
    private void Forget(AuditEventRecord record)
    {
        var entry = db.Entry(record);
        if (entry.State != EntityState.Detached)
        {
            entry.State = EntityState.Detached;
        }
    }
}
