using Microsoft.AspNetCore.DataProtection;
using Portal.Data;
using Portal.Data.Configuration;

namespace Portal.Web.Hosting;

public static class StorageServiceExtensions
{
    /// <summary>
    /// The database on the configured provider, migrated and seeded at start, checked by <c>/health</c>,
    /// and holding the data-protection keys so that several nodes share sign-in cookies.
    /// </summary>
    public static WebApplicationBuilder AddPortalStorage(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var dataDirectory = DataDirectory.Resolve(configuration);
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var settings = DatabaseSettings.Resolve(
            database.Provider, configuration.GetConnectionString("Portal"), dataDirectory);

        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // SQLite creates the file but not its folder.
            Directory.CreateDirectory(dataDirectory);
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
        builder.Services.AddDataProtection()
            .SetApplicationName("Portal")
            .PersistKeysToDbContext<PortalDbContext>();
        return builder;
    }
}
