using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Data.Providers;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Data.Tests;

public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(ProviderContexts.Names), MemberType = typeof(ProviderContexts))]
    public void Every_provider_has_migrations_that_match_the_model(string provider)
    {
        using var context = ProviderContexts.Create(provider);

        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(),
            $"The {provider} model has changes no migration captures: run `dotnet ef migrations add <Name> " +
            $"--project src/Portal.Data --startup-project src/Portal.Data --context {provider}PortalDbContext " +
            $"--output-dir Migrations/{provider}`.");
    }

    [Fact]
    public void SqlServer_migrations_generate_an_idempotent_script_with_the_identity_schema_and_roles()
    {
        using var context = ProviderContexts.Create("SqlServer");

        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [AspNetUsers]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [AspNetRoles]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [DataProtectionKeys]", script, StringComparison.Ordinal);
        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
        foreach (var role in PortalRoles.All)
        {
            Assert.Contains($"'{role}'", script.Replace("''", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.Contains("GO", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_migrations_create_a_database_file_with_the_three_roles()
    {
        using var folder = new TempDirectory();
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder.Path, "portal.db")};Pooling=False").Options;
        await using var context = new SqlitePortalDbContext(options);

        await context.Database.MigrateAsync(TestContext.Current.CancellationToken);

        var roles = await context.Roles.Select(r => r.Name).OrderBy(n => n).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(PortalRoles.All.Order(), roles);
    }

    [Fact]
    public async Task PostgreSql_migrations_apply_to_a_real_server_and_are_idempotent()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        var options = new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql(database.ConnectionString).Options;

        await using (var context = new PostgreSqlPortalDbContext(options))
        {
            await context.Database.MigrateAsync(TestContext.Current.CancellationToken);
        }

        await using (var again = new PostgreSqlPortalDbContext(options))
        {
            await again.Database.MigrateAsync(TestContext.Current.CancellationToken);
            Assert.Empty(await again.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            var roles = await again.Roles.Select(r => r.Name).OrderBy(n => n).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(PortalRoles.All.Order(), roles);
        }
    }
}
