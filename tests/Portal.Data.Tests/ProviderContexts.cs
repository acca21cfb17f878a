using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Providers;

namespace Portal.Data.Tests;

/// <summary>A context per provider, configured but never connected: enough to compare the model with the migrations.</summary>
internal static class ProviderContexts
{
    public static TheoryData<string> Names => new() { "Sqlite", "SqlServer", "PostgreSql" };

    public static PortalDbContext Create(string provider) => provider switch
    {
        "Sqlite" => new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>()
            .UseSqlite("Data Source=:memory:").Options),
        "SqlServer" => new SqlServerPortalDbContext(new DbContextOptionsBuilder<SqlServerPortalDbContext>()
            .UseSqlServer("Server=unused;Database=Portal;TrustServerCertificate=True").Options),
        "PostgreSql" => new PostgreSqlPortalDbContext(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>()
            .UseNpgsql("Host=unused;Database=portal").Options),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
