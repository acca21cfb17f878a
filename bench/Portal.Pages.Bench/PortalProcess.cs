using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portal.Pages.Bench;

/// <summary>
/// The portal as its own process: src/Portal.Web published in Release (see <see cref="PublishedPortalAsync"/>) and
/// started with <c>dotnet Portal.Web.dll</c>, on a loopback port, on the given data directory or database. Its
/// output goes to portal.log in the data directory.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    public const string DemoPassword = "Bench-Pages-2026!";

    private readonly Process process;

    private PortalProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    /// <summary>Starts the portal and waits until /health answers (first start: migrations and the demo seed included).</summary>
    public static async Task<PortalProcess> StartAsync(PagesBenchOptions options, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot();
        var dll = await PublishedPortalAsync(root, cancellationToken);
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        Directory.CreateDirectory(options.DataDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        environment["Portal__DataDirectory"] = options.DataDirectory;
        environment["Portal__Seed__DemoUsers"] = "true";
        environment["Portal__Seed__DemoData"] = "true";
        environment["Portal__Seed__DemoPassword"] = DemoPassword;
        environment["Logging__LogLevel__Default"] = "Warning";
        if (options.Postgres is { } connectionString)
        {
            environment["Portal__Database__Provider"] = "PostgreSql";
            environment["ConnectionStrings__Portal"] = connectionString;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var log = new StreamWriter(Path.Combine(options.DataDirectory, "portal.log"), append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var portal = new PortalProcess(process, baseAddress);
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited ({process.ExitCode}); see {Path.Combine(options.DataDirectory, "portal.log")}.");
            }

            try
            {
                if ((await http.GetAsync("/health", cancellationToken)).IsSuccessStatusCode)
                {
                    return portal;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(250, cancellationToken);
        }

        await portal.DisposeAsync();
        throw new TimeoutException("The portal did not answer /health within 5 minutes.");
    }

    /// <summary>Stops the portal: SIGTERM (ASP.NET Core shuts down gracefully), a kill if it has not exited after 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(CancellationToken.None);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.Dispose();
    }

    /// <summary>
    /// The portal published (Release) under bench/Portal.Pages.Bench/bin/portal: a build output serves its own static
    /// files but not the packages' (MudBlazor's, Blazor's script) outside Development, a published one serves them all,
    /// as production does. Published again when the Release build of the portal is newer than the published copy.
    /// </summary>
    private static async Task<string> PublishedPortalAsync(string root, CancellationToken cancellationToken)
    {
        var output = Path.Combine(root, "bench", "Portal.Pages.Bench", "bin", "portal");
        var published = Path.Combine(output, "Portal.Web.dll");
        var built = Path.Combine(root, "src", "Portal.Web", "bin", "Release", "net10.0", "Portal.Web.dll");
        if (File.Exists(published) && (!File.Exists(built) || File.GetLastWriteTimeUtc(built) <= File.GetLastWriteTimeUtc(published)))
        {
            return published;
        }

        Console.Error.WriteLine($"portal: publishing src/Portal.Web (Release) to {output} (a minute or more, once per build)...");
        var publish = new ProcessStartInfo("dotnet") { WorkingDirectory = root, UseShellExecute = false };
        foreach (var argument in new[] { "publish", "src/Portal.Web/Portal.Web.csproj", "-c", "Release", "-o", output, "-v", "q", "-nologo" })
        {
            publish.ArgumentList.Add(argument);
        }

        using var process = Process.Start(publish) ?? throw new InvalidOperationException("dotnet publish did not start.");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || !File.Exists(published))
        {
            throw new InvalidOperationException($"dotnet publish of the portal failed ({process.ExitCode}).");
        }

        return published;
    }

    /// <summary>The folder that holds Portal.sln, found upward from the program's own folder.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Portal.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Portal.sln not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
