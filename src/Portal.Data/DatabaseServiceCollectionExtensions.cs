using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Configuration;
using Portal.Data.Providers;

namespace Portal.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PortalDbContext"/> on the configured provider. The provider's subclass is the
    /// implementation, so migrations are looked up for that provider only.
    /// </summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        _ = settings.Provider switch
        {
            DatabaseProvider.Sqlite => services.AddDbContext<PortalDbContext, SqlitePortalDbContext>(
                o => o.UseSqlite(settings.ConnectionString)),
            DatabaseProvider.SqlServer => services.AddDbContext<PortalDbContext, SqlServerPortalDbContext>(
                o => o.UseSqlServer(settings.ConnectionString, sql => sql.EnableRetryOnFailure())),
            DatabaseProvider.PostgreSql => services.AddDbContext<PortalDbContext, PostgreSqlPortalDbContext>(
                o => o.UseNpgsql(settings.ConnectionString)),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "Unknown database provider."),
        };
        return services;
    }
}
