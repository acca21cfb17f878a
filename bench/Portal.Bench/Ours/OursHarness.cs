using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Bench.Profiling;
using Portal.Data;
using Portal.Data.Providers;
using Portal.Data.Workflows;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Expressions;
using Portal.Workflows.Hosting;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Bench.Ours;

/// <summary>
/// Our engine on a fresh, migrated SQLite file (the portal's own context and migrations, the portal's
/// connection string form), set up as the portal sets it up: each caller (lane) is a request with its own
/// context, stores and engine; the runner, the definition cache and the group commit are shared singletons; and
/// the worker drives <see cref="WorkflowEngine.ProcessDueAsync"/>(batch) in a loop with a context of its own.
/// </summary>
public sealed class OursHarness : IAsyncDisposable
{
    private readonly string folder;
    private readonly IWorkflowDefinitionStore definitions;
    private readonly List<PortalDbContext> laneContexts;

    private OursHarness(
        string folder, PortalDbContext db, IWorkflowDefinitionStore definitions, WorkflowEngine engine, List<(PortalDbContext Db, WorkflowEngine Engine)> lanes,
        CompletionProbe probe, Sections? profile)
    {
        this.folder = folder;
        this.definitions = definitions;
        laneContexts = lanes.ConvertAll(l => l.Db);
        Db = db;
        Engine = engine;
        Lanes = lanes.ConvertAll(l => l.Engine);
        Probe = probe;
        Profile = profile;
    }

    /// <summary>The worker's context.</summary>
    public PortalDbContext Db { get; }

    /// <summary>The worker's engine.</summary>
    public WorkflowEngine Engine { get; }

    /// <summary>One engine per concurrent caller, each on its own context, as one per request.</summary>
    public IReadOnlyList<WorkflowEngine> Lanes { get; }

    public CompletionProbe Probe { get; }

    public Sections? Profile { get; }

    /// <summary>The file's journal mode and synchronous setting, as SQLite reports them.</summary>
    public string Pragmas { get; private set; } = "";

    public static async Task<OursHarness> CreateAsync(CompletionProbe probe, Sections? profile, string? synchronous, int lanes, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"portal-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var builder = new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "portal.db")}");
        if (profile is not null)
        {
            builder.AddInterceptors(new SqlCommandTimer(profile), new SqlCommitTimer(profile));
        }

        if (synchronous is not null)
        {
            builder.AddInterceptors(new SynchronousPragma(synchronous));
        }

        var db = new SqlitePortalDbContext(builder.Options);
        await db.Database.MigrateAsync(cancellationToken);

        // The portal's singletons.
        var activities = new ActivityRegistry(ActivityRegistry.Discover(typeof(ActivityRegistry).Assembly).Append(new ProbeActivity(probe)));
        var runner = new WorkflowRunner(activities, new JintExpressionEvaluator(), TimeProvider.System, NullLogger<WorkflowRunner>.Instance) { CheckpointBeforeSideEffects = true };
        var options = new WorkflowEngineOptions();
        var cache = new PublishedDefinitionCache();
        var groupCommit = new WorkflowGroupCommit();

        // Per request (and for the worker): a context, its stores, an engine.
        (IWorkflowDefinitionStore Definitions, WorkflowEngine Engine) Scope(PortalDbContext context)
        {
            IWorkflowDefinitionStore definitions = new EfWorkflowDefinitionStore(context);
            IWorkflowInstanceStore instances = new EfWorkflowInstanceStore(context);
            if (profile is not null)
            {
                definitions = TimedProxy<IWorkflowDefinitionStore>.Wrap(definitions, profile, "definitions");
                instances = TimedProxy<IWorkflowInstanceStore>.Wrap(instances, profile, "instances");
            }

            return (definitions, new WorkflowEngine(definitions, instances, runner, TimeProvider.System, options, cache, NullLogger<WorkflowEngine>.Instance, groupCommit));
        }

        var worker = Scope(db);
        var callers = Enumerable.Range(0, lanes).Select(_ => new SqlitePortalDbContext(builder.Options)).Select(c => ((PortalDbContext)c, Scope(c).Engine)).ToList();
        var harness = new OursHarness(folder, db, worker.Definitions, worker.Engine, callers, probe, profile);
        harness.Pragmas = $"journal_mode={await PragmaAsync(db, "journal_mode", cancellationToken)}, synchronous={await PragmaAsync(db, "synchronous", cancellationToken)}";
        return harness;
    }

    public Task PublishAsync(WorkflowDefinition definition, CancellationToken cancellationToken) =>
        definitions.PublishAsync(definition, "bench", DateTimeOffset.UtcNow, cancellationToken);

    /// <summary>Starts <paramref name="count"/> instances through the concurrent callers; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> StartAsync(string definitionId, int count, CancellationToken cancellationToken)
    {
        var ids = new string[count];
        await Bench.Lanes.RunAsync(Lanes, Enumerable.Range(0, count).ToList(), async (engine, k) =>
        {
            var started = await engine.StartAsync(definitionId, null, null, cancellationToken);
            ids[k] = started.IsValid ? started.Value.InstanceId : throw new InvalidOperationException($"Could not start {definitionId}.");
        });
        return ids;
    }

    /// <summary>Processes due work until none is left; returns how many work items ran.</summary>
    public async Task<int> DrainAsync(int batch, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var claimed = Profile is null
                ? await Engine.ProcessDueAsync(batch, cancellationToken)
                : await Profile.TimeAsync("engine.ProcessDueAsync (all)", () => Engine.ProcessDueAsync(batch, cancellationToken));
            Probe.Committed();
            if (claimed == 0)
            {
                return total;
            }

            total += claimed;
        }
    }

    public Task<int> CountAsync(WorkflowStatus status, CancellationToken cancellationToken) =>
        Db.WorkflowInstances.CountAsync(i => i.Status == status, cancellationToken);

    /// <summary>Every open bookmark: instance id → bookmark id.</summary>
    public async Task<Dictionary<string, string>> BookmarksAsync(CancellationToken cancellationToken) =>
        await Db.WorkflowBookmarks.AsNoTracking().ToDictionaryAsync(b => b.InstanceId, b => b.BookmarkId, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var context in laneContexts)
        {
            await context.DisposeAsync();
        }

        await Db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static async Task<string> PragmaAsync(PortalDbContext db, string name, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? "?";
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
