using Npgsql;
using Portal.Data.Configuration;

namespace Portal.Load;

/// <summary>
/// The fresh database of one run: a SQLite file in the run's data folder (the portal's default), or a new PostgreSQL
/// database <c>portal_load_&lt;random&gt;</c> on the given server, dropped when the run ends.
/// </summary>
public sealed class LoadDatabase : IAsyncDisposable
{
    private readonly string? serverConnectionString;
    private readonly string? databaseName;

    private LoadDatabase(DatabaseSettings settings, string description, string? serverConnectionString, string? databaseName)
    {
        Settings = settings;
        Description = description;
        this.serverConnectionString = serverConnectionString;
        this.databaseName = databaseName;
    }

    public DatabaseSettings Settings { get; }

    /// <summary>What the run used, printable: the connection string without its password.</summary>
    public string Description { get; }

    public bool IsPostgres => databaseName is not null;

    public static LoadDatabase Sqlite(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, DatabaseSettings.DefaultSqliteFileName);
        return new LoadDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}"), $"SQLite file {file}", null, null);
    }

    public static async Task<LoadDatabase> PostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        var name = $"portal_load_{Guid.NewGuid():N}"[..24];
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var database = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name };
        var shown = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = null };
        return new LoadDatabase(
            new DatabaseSettings(DatabaseProvider.PostgreSql, database.ConnectionString),
            $"PostgreSQL {shown.ConnectionString}", server.ConnectionString, name);
    }

    /// <summary>The portal's settings for this database, as environment variables.</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment()
    {
        yield return new("Portal__Database__Provider", Settings.Provider.ToString());
        if (IsPostgres)
        {
            yield return new("ConnectionStrings__Portal", Settings.ConnectionString);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (serverConnectionString is null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
