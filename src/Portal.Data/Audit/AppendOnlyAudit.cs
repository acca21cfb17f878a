using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Portal.Data.Audit;

/// <summary>
/// The audit log's rule inside the application: a SaveChanges that would change or delete an audit row is refused
/// before anything is written. (Set-based UPDATE and DELETE statements bypass SaveChanges; the trigger of the
/// migration refuses those in the database.)
/// </summary>
public static class AppendOnlyAudit
{
    public static void Check(ChangeTracker changes)
    {
        foreach (var entry in changes.Entries<AuditEventRecord>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"The audit log is append-only: record {entry.Entity.Id} cannot be {(entry.State == EntityState.Deleted ? "deleted" : "changed")}.");
            }
        }
    }
}
