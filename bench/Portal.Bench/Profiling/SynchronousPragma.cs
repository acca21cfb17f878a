using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Bench.Profiling;

/// <summary>
/// A what-if, off by default (--synchronous NORMAL): sets SQLite's synchronous level on every connection the
/// engine opens, to measure how much of a step is waiting for the disk. The portal itself does not do this.
/// </summary>
public sealed class SynchronousPragma(string level) : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA synchronous = {level}";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA synchronous = {level}";
        command.ExecuteNonQuery();
    }
}
