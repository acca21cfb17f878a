using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace Portal.Load;

/// <summary>
/// Sets a run up (a fresh data folder and database, the built portal started as one or two child processes with
/// zero-delay simulated steps, room for every server, no quotas; users and tokens; big simulated hosts), runs the
/// clients (<see cref="LoadRun"/>), prints the table (<see cref="LoadReport"/>) and throws everything away.
/// </summary>
public static class LoadProgram
{
    /// <summary>A run's table ends with this line; the smoke test looks for it.</summary>
    public const string EndMarker = "load run: done";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args, out var error);
        if (options is null)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(LoadOptions.Usage);
            return 2;
        }

#if DEBUG
        Console.Error.WriteLine("warning: a Debug build of the load program; the portal it starts is the Debug one too unless --portal says otherwise. Use -c Release for numbers worth reporting.");
#endif
        var portalDll = options.PortalPath ?? DefaultPortal();
        if (!File.Exists(portalDll))
        {
            Console.Error.WriteLine($"The portal is not built: {portalDll} does not exist. Build it (dotnet build -c Release bench/Portal.Load builds it too) or name it with --portal.");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var runFolder = Path.Combine(Path.GetTempPath(), $"portal-load-{Guid.NewGuid():N}"[..24]);
        var dataFolder = Path.Combine(runFolder, "data");
        Directory.CreateDirectory(dataFolder);
        var nodes = new List<PortalNode>();
        LoadDatabase? database = null;
        try
        {
            database = options.Postgres is { } postgres
                ? await LoadDatabase.PostgresAsync(postgres, stop.Token)
                : LoadDatabase.Sqlite(dataFolder);
            if (!database.IsPostgres && FileSystems.TypeOf(dataFolder) is "tmpfs" or "ramfs")
            {
                Console.Error.WriteLine($"{dataFolder} is on a memory file system: SQLite's syncs would cost nothing there. Set TMPDIR to a folder on a disk.");
                return 2;
            }

            Console.Error.WriteLine($"portal: {portalDll}");
            Console.Error.WriteLine($"database: {database.Description}");
            Console.Error.WriteLine($"run folder: {runFolder} ({FileSystems.TypeOf(runFolder)})");
            var environment = PortalEnvironment(database, dataFolder);
            var started = Stopwatch.StartNew();
            nodes.Add(await PortalNode.StartAsync(1, portalDll, runFolder, environment, TimeSpan.FromMinutes(3), stop.Token));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"node 1 up at {nodes[0].Address} in {started.Elapsed.TotalSeconds:0.0} s (pid {nodes[0].ProcessId})"));

            var people = await LoadPeople.CreateAsync(database.Settings, options.Clients, options.Approvers, stop.Token);
            var apis = new List<LoadApi> { new(LoadApi.CreateHttpClient(nodes[0].Address), options.Timeout) };
            for (var h = 1; h <= options.Hosts; h++)
            {
                var host = await apis[0].RegisterHostAsync(people.Admin, $"load-host-{h:00}", stop.Token);
                if (!host.IsSuccess)
                {
                    throw new InvalidOperationException($"Registering a simulated host answered {host.Kind}: {host.Body}");
                }
            }

            if (options.Nodes == 2)
            {
                started.Restart();
                nodes.Add(await PortalNode.StartAsync(2, portalDll, runFolder, environment, TimeSpan.FromMinutes(3), stop.Token));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"node 2 up at {nodes[1].Address} in {started.Elapsed.TotalSeconds:0.0} s (pid {nodes[1].ProcessId})"));
                apis.Add(new LoadApi(LoadApi.CreateHttpClient(nodes[1].Address), options.Timeout));
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{options.Clients} requesters, {options.Approvers} approvers, {options.Hosts} simulated hosts; {(options.Soak ? "soak" : "run")} of {options.Duration.TotalSeconds:0} s, warm-up {options.Warmup.TotalSeconds:0} s"));
            var run = new LoadRun(options, apis, people, nodes);
            await run.RunAsync(stop.Token);

            var crashed = nodes.Where(n => n.HasExited).ToList();
            foreach (var node in crashed)
            {
                run.Errors.Record("portal exited", node.Tail());
            }

            LoadReport.Print(Console.Out, options, database.Description, run, nodes);
            Console.Out.WriteLine(LoadProgram.EndMarker);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("Stopped.");
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or Npgsql.NpgsqlException)
        {
            Console.Error.WriteLine($"The run failed: {e.Message}");
            foreach (var node in nodes)
            {
                Console.Error.WriteLine($"--- end of node {node.Number}'s log ({node.LogPath}):\n{node.Tail()}");
            }

            return 1;
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            if (database is not null)
            {
                await database.DisposeAsync();
            }

            if (options.Keep)
            {
                Console.Error.WriteLine($"kept: {runFolder}");
            }
            else
            {
                Directory.Delete(runFolder, recursive: true);
            }
        }
    }

    /// <summary>The portal built beside this program: bench/Portal.Load/bin/&lt;configuration&gt;/net10.0 → src/Portal.Web/bin/&lt;configuration&gt;/net10.0.</summary>
    private static string DefaultPortal()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var repository = here.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(repository, "src", "Portal.Web", "bin", configuration, framework, "Portal.Web.dll");
    }

    /// <summary>
    /// The portal's settings for a run: production, the server GC, demo library and inventory (its Ubuntu image and
    /// simulated platform), no demo users or quotas, zero-delay simulated steps, a /8 for addresses, a token budget
    /// no client reaches, one boot-token key for every node. Workflow settings stay the portal's defaults.
    /// </summary>
    private static List<KeyValuePair<string, string>> PortalEnvironment(LoadDatabase database, string dataFolder)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_gcServer"] = "1",
            ["Portal__DataDirectory"] = dataFolder,
            ["Portal__Seed__DemoData"] = "true",
            ["Portal__Seed__DemoUsers"] = "false",
            ["Portal__Seed__DemoQuotas"] = "false",
            ["Portal__Provisioning__Drivers"] = "Simulated",
            ["Portal__Provisioning__Simulation__StepMilliseconds"] = "0",
            ["Portal__Provisioning__Simulation__Subnet"] = "10.0.0.0/8",
            ["Portal__Tokens__RequestsPerWindow"] = "1000000",
            ["Portal__Tokens__WindowSeconds"] = "1",
            ["Portal__Boot__TokenKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in database.Environment())
        {
            settings[key] = value;
        }

        return [.. settings];
    }
}
