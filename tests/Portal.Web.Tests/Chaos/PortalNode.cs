using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Portal.Testing;

namespace Portal.Web.Tests.Chaos;

/// <summary>
/// One real portal process (<c>dotnet Portal.Web.dll</c>, the build the tests reference) on its own port and data
/// folder, configured by environment variables as an operator would. Its output goes to a log file the failure
/// messages point to. <see cref="Kill"/> is SIGKILL: no shutdown code runs, as in a crash.
/// </summary>
public sealed class PortalNode : IAsyncDisposable
{
    private readonly TempDirectory folder = new();
    private readonly StreamWriter log;
    private readonly Process process;

    private PortalNode(string name, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        Port = FreePort();
        LogPath = Path.Combine(folder.Path, "node.log");
        log = new StreamWriter(LogPath, append: false, Encoding.UTF8) { AutoFlush = true };
        var app = Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "exec", app, "--contentRoot", AppContext.BaseDirectory },
            WorkingDirectory = folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["Portal__DataDirectory"] = Path.Combine(folder.Path, "data");
        start.Environment["Portal__Seed__DemoUsers"] = "true";
        start.Environment["Portal__Seed__DemoData"] = "true";
        start.Environment["Portal__Seed__DemoPassword"] = PortalAppFactory.DemoPassword;
        start.Environment["Portal__Accounts__RateLimits__PerAccountPerAddress"] = "100000"; // tests sign in often
        start.Environment["Portal__Accounts__RateLimits__PerAddress"] = "100000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ProcessId = process.Id;
    }

    public string Name { get; }

    public int Port { get; }

    public int ProcessId { get; }

    /// <summary>Whether a driver record's node name is this process's (the engine names a node machine/pid/suffix).</summary>
    public bool Owns(string nodeName) => nodeName.Contains($"/{ProcessId}/", StringComparison.Ordinal);

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string LogPath { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Starts the process and waits until it answers its health check (migrations and seeding done).</summary>
    public static async Task<PortalNode> StartAsync(string name, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var node = new PortalNode(name, settings);
        using var http = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (node.HasExited)
            {
                throw new InvalidOperationException($"Portal node {name} exited at start ({node.process.ExitCode}); its log: {node.LogPath}\n{node.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync("/health", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Busy migrating: ask again.
            }

            await Task.Delay(250, cancellationToken);
        }

        await node.DisposeAsync();
        throw new TimeoutException($"Portal node {name} did not report healthy within 120 s; its log: {node.LogPath}");
    }

    /// <summary>A client with its own cookies, signed in as <paramref name="email"/> through the login form.</summary>
    public async Task<HttpClient> SignedInAsync(string email)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        await FormSignIn.SignInAsync(client, email);
        return client;
    }

    /// <summary>SIGKILL: the process ends at once, in the middle of whatever it does.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>The end of the node's log, for a failure message.</summary>
    public string Tail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        await log.DisposeAsync();
        if (Environment.GetEnvironmentVariable("PORTAL_CHAOS_KEEP_LOGS") is not { Length: > 0 } keep)
        {
            folder.Dispose();
        }
        else
        {
            Directory.CreateDirectory(keep);
            File.Copy(LogPath, Path.Combine(keep, $"{Name}-{Port}.log"), overwrite: true);
            folder.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
