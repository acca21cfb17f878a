using System.Diagnostics;
using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using Blazor.Diagrams.Core.Geometry;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor;
using MudBlazor.Services;
using Portal.Data;
using Portal.Data.Configuration;
using Portal.Viewer.Bench;
using Portal.Web.Admin.Users;
using Portal.Web.Designer;
using Portal.Web.Designer.Canvas;
using Portal.Workflows.Definitions;
using Portal.Web.Workflows;
using Portal.Workflows.Hosting;
using Portal.Workflows.Persistence;
using Position = Portal.Workflows.Definitions.Position;

namespace Portal.Designer.Bench;

/// <summary>
/// How long the server takes to open the workflow designer on a large definition, and to apply one dragged node.
/// The page is the portal's <see cref="DesignerPage"/>, rendered by bUnit's renderer on the portal's services over a
/// migrated SQLite file; the definitions are published through <see cref="WorkflowDefinitions"/>. A drag is played
/// as the browser sends it (pointer down on the node, pointer moves on the canvas, pointer up), so the diagram's own
/// drag behaviour moves the node and the canvas turns the release into the document's move edit.
/// </summary>
public static class DesignerBench
{
    private const string UnplacedId = "designer-bench-unplaced";

    /// <summary>One drag: four pointer moves of one grid cell (16 px) each; smaller steps snap unevenly to the grid.</summary>
    private const int Steps = 4;

    private const double StepPixels = DesignerCanvas.GridPixels;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = DesignerBenchOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: --activities N (200) --opens N (10) --moves N (50) --warmup N (3)");
            return 2;
        }

#if DEBUG
        Console.Error.WriteLine("warning: a Debug build; run with -c Release for numbers worth reporting");
#endif
        var folder = Path.Combine(Path.GetTempPath(), $"portal-designer-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            await using var context = CreateContext(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "portal.db")}"));
            await PrepareAsync(context.Services, options);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"published '{ViewerFlow.Id}' ({options.Activities} activities with positions) and '{UnplacedId}' (the same without positions)"));

            var rows = new List<(string Name, List<double> Values)>();
            var verdicts = new List<string>();
            foreach (var (id, label) in new[] { (ViewerFlow.Id, "with positions"), (UnplacedId, "without positions (auto-layout)") })
            {
                var reads = new List<double>();
                var documents = new List<double>();
                var edits = new List<double>();
                var opens = new List<double>();
                var cpus = new List<double>();
                for (var i = 0; i < options.Warmup + options.Opens; i++)
                {
                    var (read, document, edit) = await LoadOnceAsync(context.Services, id);
                    var open = await OpenOnceAsync(context, id, options.Activities);
                    await context.DisposeComponentsAsync();
                    if (i >= options.Warmup)
                    {
                        reads.Add(read);
                        documents.Add(document);
                        edits.Add(edit);
                        opens.Add(open.Wall);
                        cpus.Add(open.Cpu);
                    }
                }

                rows.Add(($"{label}: database reads (draft or latest version + history)", reads));
                rows.Add(($"{label}: document (layout if needed) + validation", documents));
                rows.Add(($"{label}: **page open**: reads + document + canvas model + first render of every node (wall)", opens));
                rows.Add(($"{label}: page open, process CPU time (all threads)", cpus));
                verdicts.Add(string.Create(CultureInfo.InvariantCulture,
                    $"designer open {label}, {options.Activities} activities: median {Median(opens):0} ms, max {opens.Max():0} ms over {options.Opens} opens (target < 2000 ms): {(Median(opens) < 2000 ? "met" : "NOT met")}"));

                var drags = await DragAsync(context, id, options);
                rows.Add(($"{label}: drag frame (one pointer move: the node follows, its links redrawn)", drags.Frames));
                rows.Add(($"{label}: **drop** (pointer up: move edit, validation, canvas sync, re-render)", drags.Drops));
                rows.Add(($"{label}: drop, process CPU time", drags.DropCpus));
                rows.Add(($"{label}: of which, without the page: the move edit + validation", edits));
                rows.Add(($"{label}: whole drag (down and select, {Steps} moves, up)", drags.Whole));
                verdicts.Add(string.Create(CultureInfo.InvariantCulture,
                    $"designer drag {label}: drop median {Median(drags.Drops):0.0} ms, max {drags.Drops.Max():0.0} ms; frame median {Median(drags.Frames):0.0} ms over {options.Moves} drags"));
            }

            Console.WriteLine();
            Console.WriteLine("| measure | median ms | max ms |");
            Console.WriteLine("|---|---:|---:|");
            foreach (var (name, values) in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(values):0.0} | {values.Max():0.0} |"));
            }

            Console.WriteLine();
            verdicts.ForEach(Console.WriteLine);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The portal's services for the designer, on the given database, in a bUnit renderer with the diagram's JS answered.</summary>
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
        context.Services.AddUserAdministration();
        context.AddAuthorization().SetAuthorized("admin@portal.local").SetRoles(Portal.Domain.Security.PortalRoles.Admin);
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }

    /// <summary>Migrates the database and publishes the flow twice: as generated (laid out in rows) and with every position left out.</summary>
    private static async Task PrepareAsync(IServiceProvider services, DesignerBenchOptions options)
    {
        await InScopeAsync(services, async s =>
        {
            await s.GetRequiredService<PortalDbContext>().Database.MigrateAsync();
            return true;
        });
        var json = ViewerFlow.Json(options.Activities, 1000);
        var parsed = await WorkflowDefinitionJson.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), CancellationToken.None);
        if (!parsed.IsValid)
        {
            throw new InvalidOperationException(string.Join("; ", parsed.Errors.Select(e => $"{e.Field}: {e.Message}")));
        }

        var unplaced = parsed.Value with
        {
            Id = UnplacedId,
            Name = $"Designer bench ({options.Activities} activities, no positions)",
            Activities = parsed.Value.Activities.Select(a => a with { Position = null }).ToList(),
        };
        foreach (var definition in new[] { parsed.Value, unplaced })
        {
            var published = await InScopeAsync(services, async s =>
            {
                var definitions = s.GetRequiredService<WorkflowDefinitions>();
                await definitions.SaveDraftAsync(definition, "bench", CancellationToken.None);
                return await definitions.PublishAsync(definition.Id, "bench", CancellationToken.None);
            });
            if (!published.IsValid)
            {
                throw new InvalidOperationException(string.Join("; ", published.Errors.Select(e => $"{e.Field}: {e.Message}")));
            }
        }
    }

    /// <summary>The page's load on its own: the reads it makes (in a fresh scope, as the page does), then the document and its validation.</summary>
    private static async Task<(double Read, double Document, double Edit)> LoadOnceAsync(IServiceProvider services, string id)
    {
        await using var scope = services.CreateAsyncScope();
        var definitions = scope.ServiceProvider.GetRequiredService<WorkflowDefinitions>();
        var watch = Stopwatch.StartNew();
        var editable = await definitions.OpenAsync(id, CancellationToken.None);
        var history = await definitions.ListVersionsAsync(id, CancellationToken.None);
        var read = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var document = new DesignerDocument(editable!.Definition);
        var errors = scope.ServiceProvider.GetRequiredService<DefinitionValidator>().Validate(document.Definition);
        var built = watch.Elapsed.TotalMilliseconds;
        if (errors.Count > 0 || history.Count == 0)
        {
            throw new InvalidOperationException($"The bench definition '{id}' does not validate: {string.Join("; ", errors.Select(e => e.Message))}");
        }

        // What a drop costs before any drawing: the move edit and the validation the page runs after every edit.
        var moved = document.Definition.Find("s1")!;
        watch.Restart();
        document.Move(new Dictionary<string, Position> { ["s1"] = document.PositionOf(moved) with { X = document.PositionOf(moved).X + 40 } });
        scope.ServiceProvider.GetRequiredService<DefinitionValidator>().Validate(document.Definition);
        return (read, built, watch.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// Opens the page as the router would and waits until every activity's widget has rendered. bUnit also makes HTML
    /// of each render (a Blazor Server circuit sends a binary diff instead), so the numbers include a little work a
    /// server does not do.
    /// </summary>
    private static async Task<(IRenderedComponent<DesignerPage> Page, double Wall, double Cpu)> OpenOnceAsync(BunitContext context, string id, int activities)
    {
        await Task.Yield();
        context.Render<MudPopoverProvider>();
        var cpu = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        var page = context.Render<DesignerPage>(p => p.Add(x => x.Id, id));
        page.WaitForState(() => page.FindComponents<ActivityNodeWidget>().Count == activities, TimeSpan.FromMinutes(2));
        var wall = watch.Elapsed.TotalMilliseconds;
        var cpuUsed = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        if (page.FindAll("[data-testid=activity-node]").Count != activities)
        {
            throw new InvalidOperationException("The designer did not draw every activity.");
        }

        return (page, wall, cpuUsed);
    }

    private sealed record Drags(List<double> Frames, List<double> Drops, List<double> DropCpus, List<double> Whole);

    /// <summary>
    /// Drags a different chain activity each time by four grid cells on one open designer, and checks that the
    /// document took the new place. The drop is what the canvas does with a released node: one move edit, then the
    /// page revalidates and re-renders, and the canvas syncs the diagram to the new definition.
    /// </summary>
    private static async Task<Drags> DragAsync(BunitContext context, string id, DesignerBenchOptions options)
    {
        var (page, _, _) = await OpenOnceAsync(context, id, options.Activities);
        var canvas = page.FindComponent<DesignerCanvas>().Instance;
        var result = new Drags([], [], [], []);
        var chain = ViewerFlow.ChainLength(options.Activities);
        for (var m = 0; m < options.Warmup + options.Moves; m++)
        {
            var activityId = $"s{1 + m % chain}";
            var before = canvas.Document.PositionOf(canvas.Document.Definition.Find(activityId)!);
            var frames = new List<double>();
            // Elements are looked up outside the clocks: bUnit parses the page's HTML for a lookup, which a server never does.
            var node = Node(page, activityId);
            var watch = Stopwatch.StartNew();
            await node.PointerDownAsync(Pointer(500, 300));
            var wholeMs = watch.Elapsed.TotalMilliseconds;
            for (var step = 1; step <= Steps; step++)
            {
                var surface = page.Find(".diagram-canvas");
                watch.Restart();
                await surface.PointerMoveAsync(Pointer(500 + step * StepPixels, 300));
                frames.Add(watch.Elapsed.TotalMilliseconds);
                wholeMs += frames[^1];
            }

            var release = page.Find(".diagram-canvas");
            var cpu = Environment.CpuUsage.TotalTime;
            watch.Restart();
            await release.PointerUpAsync(Pointer(500 + Steps * StepPixels, 300));
            var dropped = watch.Elapsed.TotalMilliseconds;
            var dropCpu = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
            wholeMs += dropped;

            var after = canvas.Document.PositionOf(canvas.Document.Definition.Find(activityId)!);
            // How far depends on the zoom (the canvas fits 200 nodes to the view) and the snap grid: only the direction is checked, and a
            // laid-out node off the grid may snap onto it by up to a cell.
            if (after.X <= before.X || Math.Abs(after.Y - before.Y) > 10 || canvas.Document.UndoDescription != "Move an activity")
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Dragging {activityId} did not move it right in the document: {before.X},{before.Y} -> {after.X},{after.Y}; last edit '{canvas.Document.UndoDescription}'"));
            }

            if (m >= options.Warmup)
            {
                result.Frames.AddRange(frames);
                result.Drops.Add(dropped);
                result.DropCpus.Add(dropCpu);
                result.Whole.Add(wholeMs);
            }
        }

        await context.DisposeComponentsAsync();
        return result;
    }

    /// <summary>The element the diagram renders around an activity's widget: where a pointer press on a node lands.</summary>
    private static IElement Node(IRenderedComponent<DesignerPage> page, string activityId) =>
        page.Find($"[data-testid=activity-node][data-activity={activityId}]").Closest(".diagram-node")
        ?? throw new InvalidOperationException($"No node element for {activityId}.");

    private static PointerEventArgs Pointer(double x, double y) => new() { Button = 0, Buttons = 1, ClientX = x, ClientY = y, PointerType = "mouse" };

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
}
