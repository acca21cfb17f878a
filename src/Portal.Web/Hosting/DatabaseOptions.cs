using Portal.Data.Configuration;

namespace Portal.Web.Hosting;

/// <summary>Settings under <c>Portal:Database</c>. The connection string is <c>ConnectionStrings:Portal</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Portal:Database";

    /// <summary>Sqlite (default), SqlServer or PostgreSql.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>Apply pending migrations when the portal starts. Turn off where a DBA migrates.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
