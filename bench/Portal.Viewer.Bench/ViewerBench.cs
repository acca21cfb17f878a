using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Blazor.Diagrams.Core.Geometry;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor;
using MudBlazor.Services;
using Portal.Data;
using Portal.Data.Configuration;
using Portal.Web.Designer.Viewer;
using Portal.Web.Workflows;
using Portal.Workflows.Definitions;
using Portal.Workflows.Hosting;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Viewer.Bench;

/// <summary>
/// How long the server takes to open the instance viewer: the page's database reads (the instance's state and the
/// definition version it runs on), the model it builds from them (marks, journal per activity, masking) and its
/// first render with every node and connection on the canvas. The page is the portal's own component, rendered by
/// bUnit's renderer on the portal's services over a migrated SQLite file; the instance is run by the portal's
/// engine, so its journal is one the engine wrote.
/// </summary>
public static class ViewerBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: --activities N (200) --entries N (1000) --opens N (10) --warmup N (3)");
            return 2;
        }

#if DEBUG
        Console.Error.WriteLine("warning: a Debug build; run with -c Release for numbers worth reporting");
#endif
        var folder = Path.Combine(Path.GetTempPath(), $"portal-viewer-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            await using var context = CreateContext(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "portal.db")}"));
            var instanceId = await PrepareAsync(context.Services, options);
            var state = await InScopeAsync(context.Services, s => s.GetRequiredService<IWorkflowInstanceStore>().FindAsync(instanceId, CancellationToken.None));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"instance {instanceId}: {state!.Status}, {options.Activities} activities, {state.Journal.Count} journal entries, {state.Bookmarks.Count} bookmark(s)"));
            if (state.Journal.Count != options.Entries)
            {
                // The measurement is of an instance with --entries journal entries; with another count it proves nothing.
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"error: the instance has {state.Journal.Count} journal entries, not the {options.Entries} asked for (--entries); the generated flow does not produce that count for {options.Activities} activities"));
                return 1;
            }


            var opens = new List<double>();
            var cpus = new List<double>();
            var reads = new List<double>();
            var models = new List<double>();
            for (var i = 0; i < options.Warmup + options.Opens; i++)
            {
                var (read, model) = await LoadOnceAsync(context.Services, instanceId);
                var open = await OpenOnceAsync(context, instanceId, options.Activities);
                if (i >= options.Warmup)
                {
                    opens.Add(open.Wall);
                    cpus.Add(open.Cpu);
                    reads.Add(read);
                    models.Add(model);
                }
            }

            Console.WriteLine();
            Console.WriteLine("| measure | median ms | max ms |");
            Console.WriteLine("|---|---:|---:|");
            Row("database reads (instance + definition version)", reads);
            Row("model (marks, journal per activity, masking)", models);
            Row("page open: reads + model + first render of every node (wall)", opens);
            Row("page open, process CPU time (all threads)", cpus);
            var median = Median(opens);
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"viewer open, {options.Activities} activities, {state.Journal.Count} journal entries: median {median:0} ms over {options.Opens} opens (target < 2000 ms): {(median < 2000 ? "met" : "NOT met")}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The portal's services for the viewer, on the given database, in a bUnit renderer with the diagram's JS answered.</summary>
    private static BunitContext CreateContext(DatabaseSettings settings)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 1600, 900));
        context.Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        context.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        context.Services.AddMudServices();
        context.Services.AddPortalDatabase(settings);
        context.Services.AddSingleton(TimeProvider.System);
        context.Services.AddPortalWorkflows();
        context.AddAuthorization().SetAuthorized("admin@portal.local").SetRoles(Portal.Domain.Security.PortalRoles.Admin);
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }

    /// <summary>Migrates the database, publishes the flow and runs one instance to its WaitForSignal.</summary>
    private static async Task<string> PrepareAsync(IServiceProvider services, BenchOptions options)
    {
        await InScopeAsync(services, async s =>
        {
            await s.GetRequiredService<PortalDbContext>().Database.MigrateAsync();
            return true;
        });
        var json = ViewerFlow.Json(options.Activities, options.Entries);
        var parsed = await WorkflowDefinitionJson.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), CancellationToken.None);
        if (!parsed.IsValid)
        {
            throw new InvalidOperationException(string.Join("; ", parsed.Errors.Select(e => $"{e.Field}: {e.Message}")));
        }

        var published = await InScopeAsync(services, async s =>
        {
            var definitions = s.GetRequiredService<WorkflowDefinitions>();
            await definitions.SaveDraftAsync(parsed.Value, "bench", CancellationToken.None);
            return await definitions.PublishAsync(ViewerFlow.Id, "bench", CancellationToken.None);
        });
        if (!published.IsValid)
        {
            throw new InvalidOperationException(string.Join("; ", published.Errors.Select(e => $"{e.Field}: {e.Message}")));
        }

        var started = await InScopeAsync(services, s => s.GetRequiredService<WorkflowEngine>().StartAsync(
            ViewerFlow.Id, new JsonObject { ["requestId"] = "r-bench", ["apiToken"] = "tok-secret" }, null, CancellationToken.None));
        if (!started.IsValid)
        {
            throw new InvalidOperationException(string.Join("; ", started.Errors.Select(e => e.Message)));
        }

        // A start runs a bounded number of activities in the caller and leaves the rest to the worker: be the worker.
        var id = started.Value.InstanceId;
        for (var round = 0; round < 1_000; round++)
        {
            var state = await InScopeAsync(services, s => s.GetRequiredService<IWorkflowInstanceStore>().FindAsync(id, CancellationToken.None));
            if (state!.Status != WorkflowStatus.Running)
            {
                return state.Status == WorkflowStatus.Suspended
                    ? id
                    : throw new InvalidOperationException($"The bench instance did not suspend: {state.Status} {state.FaultMessage}");
            }

            await InScopeAsync(services, s => s.GetRequiredService<WorkflowEngine>().ProcessDueAsync(50, CancellationToken.None));
        }

        throw new InvalidOperationException("The bench instance is still running after 1,000 worker rounds.");
    }

    /// <summary>The page's load on its own, split into the database reads and the model, in a fresh scope (a fresh context) as the page does.</summary>
    private static async Task<(double Read, double Model)> LoadOnceAsync(IServiceProvider services, string instanceId)
    {
        await using var scope = services.CreateAsyncScope();
        var watch = Stopwatch.StartNew();
        var state = await scope.ServiceProvider.GetRequiredService<IWorkflowInstanceStore>().FindAsync(instanceId, CancellationToken.None);
        var stored = await scope.ServiceProvider.GetRequiredService<WorkflowDefinitions>().FindAsync(state!.DefinitionId, state.DefinitionVersion, CancellationToken.None);
        var read = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var diagram = InstanceDiagram.From(state, stored!.Definition);
        GC.KeepAlive(diagram);
        return (read, watch.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// Opens the page as the router would and waits until every activity's widget has rendered. Returns the wall and
    /// the process CPU milliseconds of the open. bUnit also makes HTML of each render (a Blazor Server circuit sends a
    /// binary diff instead), so both numbers include a little work a server does not do.
    /// </summary>
    private static async Task<Open> OpenOnceAsync(BunitContext context, string instanceId, int activities)
    {
        context.Render<MudPopoverProvider>();
        var cpu = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        var page = context.Render<InstanceViewerPage>(p => p
            .Add(x => x.Id, instanceId)
            .Add(x => x.RefreshInterval, TimeSpan.FromHours(1)));
        page.WaitForState(() => page.FindComponents<ViewerNodeWidget>().Count == activities, TimeSpan.FromMinutes(2));
        var wall = watch.Elapsed.TotalMilliseconds;
        var cpuUsed = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        if (page.FindAll("[data-testid=viewer-node]").Count != activities)
        {
            throw new InvalidOperationException("The viewer did not draw every activity.");
        }

        await context.DisposeComponentsAsync();
        return new Open(wall, cpuUsed);
    }

    private sealed record Open(double Wall, double Cpu);

    private static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void Row(string name, List<double> values) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(values):0.0} | {values.Max():0.0} |"));
}
