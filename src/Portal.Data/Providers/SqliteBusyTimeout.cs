using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data.Providers;

/// <summary>
/// Turns on SQLite's own busy handler for every connection the portal opens, for as long as the connection's command
/// timeout. Without it a writer that finds the database locked (a request's transaction against the workflow worker's
/// claim) gets SQLITE_BUSY at once, and Microsoft.Data.Sqlite retries it after a 150 ms thread sleep: under load most
/// of a submission's time went there (a trace of the load program: a quarter of all thread time in that sleep).
/// SQLite's handler retries within a few milliseconds of the lock being released.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static SqliteBusyTimeout Instance { get; } = new();

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Pragma(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Pragma(connection);
        command.ExecuteNonQuery();
    }

    private static DbCommand Pragma(DbConnection connection)
    {
        var seconds = connection is SqliteConnection sqlite ? sqlite.DefaultTimeout : 30;
        var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {Math.Max(seconds, 0) * 1000};";
        return command;
    }
}
