using Microsoft.EntityFrameworkCore;
using Portal.Data.Providers;
using Portal.Testing;

namespace Portal.Data.Tests;

/// <summary>
/// A migrated portal database on a real SQLite file or a real PostgreSQL server, handing out as many
/// contexts as a test needs (one per simulated node: a DbContext is not shared between threads).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly TempDirectory? folder;
    private readonly TestPostgres? server;
    private readonly Func<PortalDbContext> create;
    private readonly List<PortalDbContext> contexts = [];

    private TestDatabase(Func<PortalDbContext> create, TempDirectory? folder, TestPostgres? server)
    {
        this.create = create;
        this.folder = folder;
        this.server = server;
    }

    public static async Task<TestDatabase> CreateAsync(string provider, CancellationToken cancellationToken)
    {
        TestDatabase database;
        if (provider == "Sqlite")
        {
            var folder = new TempDirectory();
            // A busy timeout lets two simulated nodes share the file the way two processes would.
            var options = new DbContextOptionsBuilder<SqlitePortalDbContext>()
                .UseSqlite($"Data Source={Path.Combine(folder.Path, "portal.db")};Pooling=False;Default Timeout=30").Options;
            database = new TestDatabase(() => new SqlitePortalDbContext(options), folder, null);
        }
        else
        {
            var server = await TestPostgres.CreateDatabaseAsync(cancellationToken);
            var options = new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql(server.ConnectionString).Options;
            database = new TestDatabase(() => new PostgreSqlPortalDbContext(options), null, server);
        }

        await database.NewContext().Database.MigrateAsync(cancellationToken);
        return database;
    }

    public PortalDbContext NewContext()
    {
        var context = create();
        contexts.Add(context);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
