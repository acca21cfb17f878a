using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Configuration;

namespace Portal.Pages.Bench;

/// <summary>The <c>seed</c> verb: the portal migrates and demo-seeds the database once, then <see cref="BenchSeeder"/> adds the bench rows.</summary>
public static class SeedCommand
{
    public static async Task<int> RunAsync(PagesBenchOptions options)
    {
        var total = Stopwatch.StartNew();
        Console.WriteLine($"seed: data directory {options.DataDirectory}, database {(options.Postgres is null ? "SQLite (portal.db there)" : "PostgreSQL")}");
        var clock = Stopwatch.StartNew();
        await using (await PortalProcess.StartAsync(options, CancellationToken.None))
        {
            Console.WriteLine($"seed: the portal migrated and seeded its demo data in {clock.Elapsed.TotalSeconds:F1} s");
        }

        var settings = options.Postgres is { } connectionString
            ? new DatabaseSettings(DatabaseProvider.PostgreSql, connectionString)
            : new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(options.DataDirectory, DatabaseSettings.DefaultSqliteFileName)}");
        await using var services = new ServiceCollection().AddPortalDatabase(settings).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        await new BenchSeeder(db, options.Sizes, Console.Out).SeedAsync(CancellationToken.None);
        Console.WriteLine($"seed: done in {total.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
}
