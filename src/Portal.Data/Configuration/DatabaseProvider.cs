namespace Portal.Data.Configuration;

/// <summary>The databases the portal runs on. SQLite is the embedded default.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}
