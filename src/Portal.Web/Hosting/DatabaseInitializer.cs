using Microsoft.EntityFrameworkCore;
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
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        if (database.Value.MigrateOnStartup)
        {
            // Migrate first: asking a database that does not exist yet what it lacks logs connection errors.
            await context.Database.MigrateAsync(cancellationToken);
            var applied = await context.Database.GetAppliedMigrationsAsync(cancellationToken);
            LogMigrated(context.Database.ProviderName ?? "unknown", applied.LastOrDefault() ?? "none");
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
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database cannot be reached at start; shipped workflows and demo data are seeded on the next start")]
    private partial void LogUnreachable();

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready on {Provider}, migrated to {Migration}")]
    private partial void LogMigrated(string provider, string migration);
}
