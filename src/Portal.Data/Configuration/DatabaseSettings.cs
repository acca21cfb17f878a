namespace Portal.Data.Configuration;

/// <summary>Which database the portal uses and how to reach it, resolved from configuration.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Portal:Database:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:Portal";
    public const string DefaultSqliteFileName = "portal.db";

    /// <summary>
    /// Resolves the settings or returns one message naming the key to set. SQLite needs no connection
    /// string: it defaults to a file in the data folder, so the portal runs with no configuration at all.
    /// </summary>
    public static DatabaseSettings Resolve(string? provider, string? connectionString, string dataDirectory)
    {
        var kind = ParseProvider(provider);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new DatabaseSettings(kind, connectionString);
        }

        if (kind != DatabaseProvider.Sqlite)
        {
            throw new PortalConfigurationException(
                $"{ProviderKey} is {kind} but no connection string is set: set {ConnectionStringKey} " +
                $"(environment variable ConnectionStrings__Portal).");
        }

        var file = Path.Combine(dataDirectory, DefaultSqliteFileName);
        return new DatabaseSettings(kind, $"Data Source={file}");
    }

    private static DatabaseProvider ParseProvider(string? provider)
    {
        if (string.IsNullOrWhiteSpace(provider))
        {
            return DatabaseProvider.Sqlite;
        }

        if (Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var kind) && Enum.IsDefined(kind))
        {
            return kind;
        }

        var known = string.Join(", ", Enum.GetNames<DatabaseProvider>());
        throw new PortalConfigurationException(
            $"{ProviderKey} has the unknown value '{provider}': set it to one of {known}.");
    }
}
