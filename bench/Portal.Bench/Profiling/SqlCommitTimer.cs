using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Bench.Profiling;

/// <summary>Times the COMMIT of explicit transactions (where SQLite syncs the WAL to disk).</summary>
public sealed class SqlCommitTimer(Sections sections) : DbTransactionInterceptor
{
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        sections.Add("sql COMMIT (explicit transaction)", eventData.Duration);
        return Task.CompletedTask;
    }
}
