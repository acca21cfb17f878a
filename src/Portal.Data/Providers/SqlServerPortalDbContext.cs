using Microsoft.EntityFrameworkCore;

namespace Portal.Data.Providers;

/// <summary>The portal model on SqlServer; exists so that SqlServer keeps its own migrations.</summary>
public sealed class SqlServerPortalDbContext(DbContextOptions<SqlServerPortalDbContext> options) : PortalDbContext(options);
