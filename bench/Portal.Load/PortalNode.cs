using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Portal.Load;

/// <summary>
/// One portal process: the built Portal.Web started with <c>dotnet</c> on a loopback port of its own, its output kept
/// in a log file (shown when it fails), its memory read from <c>/proc</c>.
/// </summary>
public sealed class PortalNode : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private PortalNode(int number, Process process, StreamWriter log, string logPath, Uri address)
    {
        Number = number;
        this.process = process;
        this.log = log;
        LogPath = logPath;
        Address = address;
    }

    public int Number { get; }

    public Uri Address { get; }

    public string LogPath { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Starts the portal and waits until <c>/health</c> answers, or fails with the end of its log.</summary>
    public static async Task<PortalNode> StartAsync(
        int number, string portalDll, string runFolder, IEnumerable<KeyValuePair<string, string>> environment, TimeSpan startTimeout,
        CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(portalDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(portalDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var logPath = Path.Combine(runFolder, $"portal-node{number}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new PortalNode(number, process, log, logPath, address);

        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < startTimeout)
        {
            if (process.HasExited)
            {
                await node.DisposeAsync();
                throw new InvalidOperationException($"Portal node {number} exited with {process.ExitCode} while starting:\n{Tail(logPath)}");
            }

            try
            {
                using var health = await probe.GetAsync("/health", cancellationToken);
                if (health.IsSuccessStatusCode)
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
                // Busy migrating.
            }

            await Task.Delay(200, cancellationToken);
        }

        await node.DisposeAsync();
        throw new InvalidOperationException(
            $"Portal node {number} did not answer /health within {startTimeout.TotalSeconds:0} s:\n{Tail(logPath)}");
    }

    /// <summary>The process's resident set (VmRSS in /proc/&lt;pid&gt;/status), in bytes; null where /proc is missing.</summary>
    public long? ResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>The last lines of the node's log.</summary>
    public string Tail(int lines = 40) => Tail(LogPath, lines);

    private static string Tail(string path, int lines = 40)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(no log: {e.Message})";
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // A last line after the node was stopped.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the process (a kill: its state is in the database, which the run throws away).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }
}
