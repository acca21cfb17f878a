using Npgsql;

namespace Portal.Testing;

/// <summary>
/// A throwaway database on the PostgreSQL server that tests/run.sh starts. The server's address comes from
/// PORTAL_TEST_POSTGRES; without it the test fails and says how to get one: it is never skipped.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    public const string Variable = "PORTAL_TEST_POSTGRES";

    private readonly string adminConnectionString;

    private TestPostgres(string adminConnectionString, string databaseName, string connectionString)
    {
        this.adminConnectionString = adminConnectionString;
        DatabaseName = databaseName;
        ConnectionString = connectionString;
    }

    public string DatabaseName { get; }

    /// <summary>A connection string to the new, empty database.</summary>
    public string ConnectionString { get; }

    public static async Task<TestPostgres> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"This test needs a PostgreSQL server and {Variable} is not set. Run the suite with tests/run.sh, " +
                $"which starts a throwaway server (Debian package 'postgresql'), or set {Variable} to a connection " +
                "string of a server where this user may create databases.");
        }

        var name = "portal_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestPostgres(server, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
