using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Bench.Profiling;

/// <summary>
/// A what-if, off by default (--busy-timeout MS): SQLite's own busy handler on every connection the engine opens, so
/// that a writer that finds the database locked (the worker's claim against the callers' group commit) waits in
/// SQLite instead of in Microsoft.Data.Sqlite's retry. The portal itself does not do this.
/// </summary>
public sealed class BusyTimeoutPragma(int milliseconds) : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {milliseconds}";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {milliseconds}";
        command.ExecuteNonQuery();
    }
}
