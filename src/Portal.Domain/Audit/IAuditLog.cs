namespace Portal.Domain.Audit;

/// <summary>
/// The append-only audit log. Callers say what happened (<see cref="AuditEntry"/>); the log adds who, from where
/// and when. There is deliberately no way to change or remove a record.
/// </summary>
public interface IAuditLog
{
    /// <summary>
    /// Records one entry now, on its own: for actions that change nothing in the portal database (a refused sign-in,
    /// something done elsewhere). Inside an open database transaction it joins it.
    /// </summary>
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="action"/> and records <paramref name="entry"/> with it, once, if <paramref name="succeeded"/>
    /// says the action happened. The entry is written by the action's own save of the portal database (same
    /// SaveChanges, same transaction), so the action and its record commit or fail together; an action that changes
    /// the database by set-based statements only (no save of tracked changes) gets its record written right after it.
    /// A refused or failed action records nothing.
    /// </summary>
    Task<T> RecordWithAsync<T>(AuditEntry entry, Func<Task<T>> action, Func<T, bool> succeeded, CancellationToken cancellationToken);
}
