using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
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
    public void The_compiled_Sqlite_model_is_used_and_matches_the_model_the_configuration_builds()
    {
        using var context = ProviderContexts.Create("Sqlite");
        const string Regenerate = "Regenerate it: `dotnet ef dbcontext optimize --project src/Portal.Data --context SqlitePortalDbContext " +
            "--output-dir CompiledModels/Sqlite --namespace Portal.Data.CompiledModels.Sqlite` (src/Portal.Data/README.md).";

        // The compiled model is found through its assembly attribute; without it every start builds the model.
        Assert.IsType<Portal.Data.CompiledModels.Sqlite.SqlitePortalDbContextModel>(context.Model);
        var built = context.GetService<IDesignTimeModel>().Model;

        // The tables and columns the queries use (the migrations, built from the configuration, own the rest of the schema).
        var compiledTables = context.Model.GetRelationalModel().Tables.ToDictionary(t => (t.Schema, t.Name));
        foreach (var table in built.GetRelationalModel().Tables)
        {
            Assert.True(compiledTables.TryGetValue((table.Schema, table.Name), out var twin), $"The compiled SQLite model lacks the table {table.Name}. {Regenerate}");
            var columns = Columns(table);
            var compiledColumns = Columns(twin);
            Assert.True(columns.SequenceEqual(compiledColumns),
                $"{table.Name} has the columns [{string.Join(", ", columns)}] in the model, [{string.Join(", ", compiledColumns)}] in the compiled SQLite model. {Regenerate}");
        }

        Assert.Equal(built.GetRelationalModel().Tables.Count(), compiledTables.Count);

        // What the schema does not show: how each property is read and written (converters), and the query filters.
        var compiledTypes = context.Model.GetEntityTypes().ToDictionary(t => t.Name);
        foreach (var type in built.GetEntityTypes())
        {
            Assert.True(compiledTypes.TryGetValue(type.Name, out var compiled), $"The compiled SQLite model lacks {type.Name}. {Regenerate}");
            Assert.True((type.GetDeclaredQueryFilters().Count > 0) == (compiled.GetDeclaredQueryFilters().Count > 0),
                $"{type.Name}'s query filter differs in the compiled SQLite model. {Regenerate}");
            foreach (var property in type.GetProperties())
            {
                var twin = compiled.FindProperty(property.Name);
                Assert.True(twin is not null, $"The compiled SQLite model lacks {type.Name}.{property.Name}. {Regenerate}");
                Assert.True(Stored(property) == Stored(twin) && property.GetValueConverter()?.GetType() == twin.GetValueConverter()?.GetType(),
                    $"{type.Name}.{property.Name} is stored as {Stored(property)} by the model, {Stored(twin)} by the compiled SQLite model. {Regenerate}");
            }
        }

        Assert.Equal(built.GetEntityTypes().Count(), compiledTypes.Count);
    }

    private static List<string> Columns(ITable table) =>
        table.Columns.Select(c => $"{c.Name} {c.StoreType}{(c.IsNullable ? " NULL" : "")}").Order(StringComparer.Ordinal).ToList();

    private static Type Stored(IReadOnlyProperty property) => property.GetValueConverter()?.ProviderClrType ?? property.ClrType;

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
