using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Portal.Web.Tests.Chaos;

/// <summary>
/// A PostgreSQL cluster of the test's own (initdb + pg_ctl, its own data folder and port), so a test can stop the
/// database under load and start it again without touching the server other tests share. Needs the PostgreSQL server
/// binaries (Debian package 'postgresql'); without them the test fails and says so. As root, the server runs as the
/// 'postgres' user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private readonly string bin;
    private readonly string folder;
    private readonly bool asPostgresUser;

    private OwnPostgres(string bin, string folder, int port, bool asPostgresUser)
    {
        this.bin = bin;
        this.folder = folder;
        this.asPostgresUser = asPostgresUser;
        Port = port;
    }

    public int Port { get; }

    private string Data => Path.Combine(folder, "data");

    public static async Task<OwnPostgres> StartAsync(CancellationToken cancellationToken)
    {
        var bin = FindBin() ?? throw new InvalidOperationException(
            "This test starts and stops a PostgreSQL cluster of its own and needs the PostgreSQL server binaries (initdb, pg_ctl): " +
            "install the Debian package 'postgresql' (sudo apt-get install postgresql; tests/run.sh does it when run as root).");
        var folder = Path.Combine(Path.GetTempPath(), "portal-chaos-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            await RunAsync("chown", ["postgres:postgres", folder], cancellationToken);
        }

        var cluster = new OwnPostgres(bin, folder, FreePort(), asPostgres);
        await cluster.PgAsync("initdb", ["-D", cluster.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8"], cancellationToken);
        await cluster.StartAgainAsync(cancellationToken);
        return cluster;
    }

    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true, Timeout = 5,
    }.ConnectionString;

    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stops the server at once (immediate mode: every connection drops, as when the database host fails).</summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        PgAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"], cancellationToken);

    public Task StartAgainAsync(CancellationToken cancellationToken) =>
        PgAsync("pg_ctl", ["-D", Data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            await PgAsync("pg_ctl", ["-D", Data, "-m", "immediate", "stop"], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Stopped already.
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    private Task PgAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. arguments], cancellationToken)
            : RunAsync(Path.Combine(bin, tool), arguments, cancellationToken);

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    private static string? FindBin()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).OrderBy(d => d.Length).ThenBy(d => d, StringComparer.Ordinal).ToList()
            : [];
        if (versions.Count > 0)
        {
            return versions[^1];
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
