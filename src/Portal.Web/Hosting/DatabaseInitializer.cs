using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Web.Account;
using Portal.Web.Hosting.KeysAtRest;
using Portal.Web.Library;
using Portal.Web.Workflows;

namespace Portal.Web.Hosting;

/// <summary>
/// Brings the database up to date before the portal takes requests: migrations (when enabled), the shipped
/// workflows, then the demo users and demo library (when enabled). Runs before Kestrel starts listening, so no request sees a half-made schema.
/// </summary>
internal sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> database,
    IOptions<SeedOptions> seed,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        if (database.Value.MigrateOnStartup)
        {
            // Say what a first start (or an upgrade) is doing before it does it: creating a database and applying
            // every migration takes a while, and silence looks like a hang. Asking a database that does not exist yet
            // which migrations it lacks would log connection errors, so a missing one lacks them all.
            var exists = await context.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken);
            var pending = exists ? (await context.Database.GetPendingMigrationsAsync(cancellationToken)).Count() : context.Database.GetMigrations().Count();
            // Only when something is pending: on an up-to-date database MigrateAsync would still build the design-time
            // model (about half a second of a second start) to look for model changes without a migration, which the
            // tests check instead (MigrationTests). A node that starts beside another one migrating sees its
            // migrations pending and waits in MigrateAsync for the lock.
            if (pending > 0)
            {
                LogMigrating(exists ? "Updating the database" : "Creating the database", pending, context.Database.ProviderName ?? "unknown");
                await context.Database.MigrateAsync(cancellationToken);
            }

            var applied = await context.Database.GetAppliedMigrationsAsync(cancellationToken);
            LogMigrated(context.Database.ProviderName ?? "unknown", applied.LastOrDefault() ?? "none", clock.ElapsedMilliseconds);
        }
        else if (!await context.Database.CanConnectAsync(cancellationToken))
        {
            // The operator manages the schema and the database is down: start anyway, so /health says Unhealthy
            // and the portal serves as soon as the database is back; seeding waits for the next start.
            // The key-ring certificate cannot be checked against the keys now: a first start writes it, so the keys
            // made once the database is back stay readable after a restart.
            LogUnreachable();
            scope.ServiceProvider.GetRequiredService<KeyRingCertificates>().Store();
            return;
        }

        // Before seeding: seeds protect BMC passwords, and Data Protection must not meet a key it cannot decrypt.
        await scope.ServiceProvider.GetRequiredService<KeyRingGuard>().CheckAsync(context, cancellationToken);

        // Shipped workflows are part of the product, not demo data: always seeded, never over a newer version.
        await scope.ServiceProvider.GetRequiredService<ShippedWorkflowSeeder>().SeedAsync(cancellationToken);

        if (seed.Value.DemoUsers)
        {
            await scope.ServiceProvider.GetRequiredService<DemoUserSeeder>().SeedAsync(cancellationToken);
        }

        if (seed.Value.DemoData)
        {
            await scope.ServiceProvider.GetRequiredService<LibrarySeeder>().SeedAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<Provisioning.InventorySeeder>().SeedAsync(cancellationToken);
        }

        if (seed.Value.DemoQuotas)
        {
            await scope.ServiceProvider.GetRequiredService<Quotas.QuotaSeeder>().SeedAsync(cancellationToken);
        }

        LogReady(clock.ElapsedMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database cannot be reached at start; shipped workflows and demo data are seeded on the next start")]
    private partial void LogUnreachable();

    [LoggerMessage(Level = LogLevel.Information, Message = "{What} on {Provider}: applying {Count} migrations...")]
    private partial void LogMigrating(string what, int count, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready on {Provider}, migrated to {Migration} ({Milliseconds} ms)")]
    private partial void LogMigrated(string provider, string migration, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipped workflows and demo data in place; the database was ready for requests {Milliseconds} ms after start-up began")]
    private partial void LogReady(long milliseconds);
}
