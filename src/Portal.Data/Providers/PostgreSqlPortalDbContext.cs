using Microsoft.EntityFrameworkCore;

namespace Portal.Data.Providers;

/// <summary>The portal model on PostgreSql; exists so that PostgreSql keeps its own migrations.</summary>
public sealed class PostgreSqlPortalDbContext(DbContextOptions<PostgreSqlPortalDbContext> options) : PortalDbContext(options);
