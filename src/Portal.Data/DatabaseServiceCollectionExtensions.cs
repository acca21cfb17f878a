using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Configuration;
using Portal.Data.Providers;

namespace Portal.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// EF's retrying execution strategy (SQL Server, PostgreSQL) tries a failed statement or transaction again this
    /// many times, waiting up to <see cref="MaxRetryDelay"/> between tries. Kept short: a request waits for it, and a
    /// longer outage is answered with 503 (and the workflow worker backs off by itself).
    /// </summary>
    public const int MaxRetryCount = 4;

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Registers <see cref="PortalDbContext"/> on the configured provider. The provider's subclass is the
    /// implementation, so migrations are looked up for that provider only. SQL Server and PostgreSQL retry transient
    /// failures; every explicit transaction therefore runs inside <c>Database.CreateExecutionStrategy()</c>, as one
    /// retriable unit (EF refuses a user transaction outside it).
    /// </summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        _ = settings.Provider switch
        {
            DatabaseProvider.Sqlite => services.AddDbContext<PortalDbContext, SqlitePortalDbContext>(
                o => o.UseSqlite(settings.ConnectionString).AddInterceptors(SqliteBusyTimeout.Instance)),
            DatabaseProvider.SqlServer => services.AddDbContext<PortalDbContext, SqlServerPortalDbContext>(
                o => o.UseSqlServer(settings.ConnectionString, sql => sql.EnableRetryOnFailure(MaxRetryCount, MaxRetryDelay, null))),
            DatabaseProvider.PostgreSql => services.AddDbContext<PortalDbContext, PostgreSqlPortalDbContext>(
                o => o.UseNpgsql(settings.ConnectionString, npgsql => npgsql.EnableRetryOnFailure(MaxRetryCount, MaxRetryDelay, null))),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "Unknown database provider."),
        };
        return services;
    }
}
