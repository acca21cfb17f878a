using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portal.Data.Resilience;

/// <summary>
/// Tells a database that cannot be reached right now (down, restarting, a dropped connection, a file locked by another
/// writer) from a bug or a refused statement: the first is worth trying again in a moment, the second is not.
/// </summary>
public static class DatabaseFailures
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>
    /// True for a transient database failure anywhere in the exception's chain: EF's retries ran out
    /// (<see cref="RetryLimitExceededException"/>), a provider exception its provider calls transient (PostgreSQL: the
    /// server is unreachable, shutting down, out of connections), or SQLite busy or locked.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RetryLimitExceededException:
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                case DbException { IsTransient: true }:
                    return true;
            }
        }

        return false;
    }
}
