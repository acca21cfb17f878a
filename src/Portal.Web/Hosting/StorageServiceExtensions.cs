using Microsoft.Data.Sqlite;
using Portal.Data;
using Portal.Data.Configuration;
using Portal.Web.Hosting.KeysAtRest;

namespace Portal.Web.Hosting;

public static class StorageServiceExtensions
{
    /// <summary>
    /// The database on the configured provider, migrated and seeded at start, checked by <c>/health</c>,
    /// and holding the data-protection keys (encrypted with a certificate kept outside it) so that several nodes share
    /// sign-in cookies. The data folder is the owner's only (0700) and the SQLite file too (0600).
    /// </summary>
    public static WebApplicationBuilder AddPortalStorage(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var dataDirectory = DataDirectory.Resolve(configuration);
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var settings = DatabaseSettings.Resolve(
            database.Provider, configuration.GetConnectionString("Portal"), dataDirectory);

        // The key-ring certificate lives here whatever the database; SQLite creates its file but not the folder.
        DataDirectory.EnsureCreated(dataDirectory);
        if (settings.Provider == DatabaseProvider.Sqlite && SqliteFile(settings.ConnectionString) is { } file)
        {
            if (DataDirectory.EnsurePrivateFile(file))
            {
                // EF Core turns WAL on when it creates the database itself; it sees our empty file as existing.
                using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
                connection.Open();
                using var wal = connection.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode = 'wal';";
                wal.ExecuteNonQuery();
            }
        }

        builder.Services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        builder.Services.AddOptions<SeedOptions>()
            .Bind(configuration.GetSection(SeedOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton(new PortalPaths(dataDirectory));
        builder.Services.AddPortalDatabase(settings);
        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database");
        builder.Services.AddPortalKeyRing(configuration, dataDirectory, settings);
        return builder;
    }

    /// <summary>The database file SQLite would create, or null when it creates none (in memory, or Mode=ReadWrite/ReadOnly).</summary>
    private static string? SqliteFile(string connectionString)
    {
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (sqlite.Mode != SqliteOpenMode.ReadWriteCreate || string.IsNullOrEmpty(sqlite.DataSource)
            || sqlite.DataSource == ":memory:" || sqlite.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var file = Path.GetFullPath(sqlite.DataSource);
        return Directory.Exists(Path.GetDirectoryName(file)) ? file : null;
    }
}
