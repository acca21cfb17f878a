using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Data.Providers;

/// <summary>Lets `dotnet ef` build the PostgreSql model without starting the web host; no connection is opened.</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlPortalDbContext>
{
    public PostgreSqlPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>()
            .UseNpgsql("Host=localhost;Database=portal")
            .Options);
}
