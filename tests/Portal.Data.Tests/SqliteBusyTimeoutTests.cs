using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Configuration;

namespace Portal.Data.Tests;

public sealed class SqliteBusyTimeoutTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("portal-busy-").FullName;

    [Fact]
    public async Task Every_connection_the_portal_opens_waits_in_sqlite_for_a_lock_as_long_as_its_command_timeout()
    {
        var settings = DatabaseSettings.Resolve("Sqlite", $"Data Source={Path.Combine(folder, "portal.db")};Default Timeout=7", folder);
        await using var services = new ServiceCollection().AddPortalDatabase(settings).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var timeout = await db.Database.SqlQueryRaw<long>("SELECT timeout AS Value FROM pragma_busy_timeout")
            .SingleAsync(TestContext.Current.CancellationToken);

        Assert.Equal(7_000, timeout);
    }

    [Fact]
    public async Task A_writer_that_finds_the_database_locked_goes_on_once_the_lock_is_released()
    {
        var file = Path.Combine(folder, "portal.db");
        var settings = DatabaseSettings.Resolve("Sqlite", $"Data Source={file}", folder);
        await using var services = new ServiceCollection().AddPortalDatabase(settings).BuildServiceProvider();
        await using (var setup = services.CreateAsyncScope())
        {
            await setup.ServiceProvider.GetRequiredService<PortalDbContext>().Database.ExecuteSqlRawAsync(
                "PRAGMA journal_mode = 'wal'; CREATE TABLE Probe (Id INTEGER PRIMARY KEY);", TestContext.Current.CancellationToken);
        }

        await using var holder = new SqliteConnection($"Data Source={file};Pooling=False");
        await holder.OpenAsync(TestContext.Current.CancellationToken);
        await using var locked = holder.BeginTransaction(deferred: false);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // Microsoft.Data.Sqlite runs a command synchronously: the waiting writer gets its own thread.
        var write = Task.Run(() => db.Database.ExecuteSqlRawAsync("INSERT INTO Probe (Id) VALUES (1)", TestContext.Current.CancellationToken));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(write.IsCompleted);

        await locked.RollbackAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, await write.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
