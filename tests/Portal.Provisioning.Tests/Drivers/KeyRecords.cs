using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Drivers;
using Portal.Data.Providers;
using Portal.Provisioning.Drivers;
using Portal.Testing;

namespace Portal.Provisioning.Tests.Drivers;

/// <summary>
/// The drivers' key records on a real, migrated SQLite file, and a <see cref="DriverKeys"/> per simulated node over
/// it — what the real drivers are given in the portal.
/// </summary>
public sealed class KeyRecords : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly List<ServiceProvider> nodes = [];
    private readonly string connection;

    public KeyRecords()
    {
        connection = $"Data Source={Path.Combine(folder.Path, "portal.db")};Pooling=False;Default Timeout=30";
        using var scope = Node("setup").CreateScope();
        scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.Migrate();
        Keys = Node("node-a").GetRequiredService<DriverKeys>();
    }

    /// <summary>The keys of the first node.</summary>
    public DriverKeys Keys { get; }

    /// <summary>A node of its own over the same records.</summary>
    public ServiceProvider Node(string name)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new DriverNode(name))
            .AddDbContext<PortalDbContext, SqlitePortalDbContext>(o => o.UseSqlite(connection))
            .AddScoped<IDriverKeyStore, EfDriverKeyStore>()
            .AddSingleton<DriverKeys>()
            .BuildServiceProvider();
        nodes.Add(services);
        return services;
    }

    public async Task<IReadOnlyList<DriverKeyRecord>> ListAsync(string driver, CancellationToken cancellationToken)
    {
        await using var scope = nodes[0].CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IDriverKeyStore>().ListAsync(driver, null, 1000, cancellationToken);
    }

    public void Dispose()
    {
        foreach (var node in nodes)
        {
            node.Dispose();
        }

        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
