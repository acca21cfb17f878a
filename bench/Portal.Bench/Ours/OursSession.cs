using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Bench.Profiling;
using Portal.Data;
using Portal.Data.Providers;
using Portal.Data.Workflows;
using Portal.Workflows.Activities;
using Portal.Workflows.Expressions;
using Portal.Workflows.Hosting;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Bench.Ours;

/// <summary>
/// Our engine on a fresh copy of the migrated SQLite file, set up as the portal sets it up: each caller is a request
/// with its own context, stores and engine; the runner (checkpointing before side effects), the definition cache and
/// the group commit are shared singletons; a worker runs <see cref="WorkflowEngine.RunWorkerAsync"/> on a context of
/// its own with the portal's defaults (8 steps at once, a 500 ms poll) and is nudged by every start and resume, as the
/// portal's API nudges it. Completion is read from the store: the commit that stored the instance as Completed.
/// </summary>
public sealed class OursSession : IEngineSession
{
    /// <summary>The portal's default poll interval (Portal:Workflows:PollIntervalMilliseconds); nudges make it rarely matter.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    private readonly string file;
    private readonly List<PortalDbContext> contexts;
    private readonly List<WorkflowEngine> lanes;
    private readonly CompletionProbe probe;
    private readonly EffectLedger ledger;
    private readonly WorkerWakeup wakeup = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<string, string> correlated = new(StringComparer.Ordinal);
    private Task worker = Task.CompletedTask;

    private OursSession(string file, List<PortalDbContext> contexts, List<WorkflowEngine> lanes, CompletionProbe probe, EffectLedger ledger)
    {
        this.file = file;
        this.contexts = contexts;
        this.lanes = lanes;
        this.probe = probe;
        this.ledger = ledger;
    }

    public long Effects => ledger.Count;

    /// <summary>The first caller's context, for reading the file once the loops are done (the callers are idle then).</summary>
    public PortalDbContext QueryContext => contexts[1];

    /// <summary>The file's journal mode and synchronous level as SQLite reports them on a caller's connection.</summary>
    public string Pragmas { get; private set; } = "";

    public static async Task<OursSession> CreateAsync(OursTemplate template, BenchOptions options, int laneCount, Sections? profile, CancellationToken cancellationToken)
    {
        var file = template.NewCellFile();
        var builder = template.Options(file);
        if (profile is not null)
        {
            builder.AddInterceptors(new SqlCommandTimer(profile), new SqlCommitTimer(profile));
        }

        var probe = new CompletionProbe();
        var ledger = new EffectLedger();

        // The portal's singletons.
        var activities = new ActivityRegistry(ActivityRegistry.Discover(typeof(ActivityRegistry).Assembly).Append(new BenchEffectActivity(ledger)));
        var runner = new WorkflowRunner(activities, new JintExpressionEvaluator(), TimeProvider.System, NullLogger<WorkflowRunner>.Instance) { CheckpointBeforeSideEffects = true };
        var engineOptions = new WorkflowEngineOptions();
        var cache = new PublishedDefinitionCache();
        var groupCommit = new WorkflowGroupCommit();

        // Per request (and for the worker): a context, its stores, an engine.
        WorkflowEngine Scope(PortalDbContext context)
        {
            IWorkflowDefinitionStore definitions = new EfWorkflowDefinitionStore(context);
            IWorkflowInstanceStore instances = new EfWorkflowInstanceStore(context);
            if (profile is not null)
            {
                definitions = TimedProxy<IWorkflowDefinitionStore>.Wrap(definitions, profile, "definitions");
                instances = TimedProxy<IWorkflowInstanceStore>.Wrap(instances, profile, "instances");
            }

            instances = new CompletionRecordingStore(instances, probe);
            return new WorkflowEngine(definitions, instances, runner, TimeProvider.System, engineOptions, cache, NullLogger<WorkflowEngine>.Instance, groupCommit);
        }

        var contexts = Enumerable.Range(0, laneCount + 1).Select(_ => (PortalDbContext)new SqlitePortalDbContext(builder.Options)).ToList();
        var session = new OursSession(file, contexts, contexts.Skip(1).Select(Scope).ToList(), probe, ledger);
        session.Pragmas = await session.AssertPragmasAsync(contexts[1], options.ExpectedSynchronous, cancellationToken);
        var workerEngine = Scope(contexts[0]);
        session.worker = Task.Run(() => workerEngine.RunWorkerAsync(idle => session.wakeup.WaitAsync(Poll, idle), session.stopping.Token, CancellationToken.None), CancellationToken.None);
        return session;
    }

    public async Task<long> RunAsync(int lane, string scenario, CancellationToken cancellationToken)
    {
        var started = await lanes[lane].StartAsync(OursDefinitions.IdOf(scenario), null, null, cancellationToken);
        if (!started.IsValid)
        {
            throw new InvalidOperationException($"Could not start {scenario}: {string.Join("; ", started.Errors.Select(e => e.Message))}");
        }

        wakeup.Nudge();
        return await probe.WaitAsync(started.Value.InstanceId, cancellationToken);
    }

    public async Task SuspendAsync(IReadOnlyList<string> correlations, CancellationToken cancellationToken)
    {
        // A start runs the instance to its WaitForSignal and returns once it is stored suspended.
        await ClosedLoop.RunAsync(lanes.Count, correlations.Count, TimeSpan.FromDays(1), async (lane, k) =>
        {
            var started = await lanes[lane].StartAsync(OursDefinitions.IdOf("resume"), null, correlations[k], cancellationToken);
            correlated[correlations[k]] = started.IsValid && started.Value.Status == WorkflowStatus.Suspended
                ? started.Value.InstanceId
                : throw new InvalidOperationException($"Instance for {correlations[k]} is not suspended.");
            return System.Diagnostics.Stopwatch.GetTimestamp();
        });
    }

    public async Task<long> ResumeAsync(int lane, string correlation, CancellationToken cancellationToken)
    {
        // As production delivers an event: by its name and the correlation id, looked up inside the call.
        if (!await lanes[lane].SignalAsync(OursDefinitions.SignalName, correlation, null, cancellationToken))
        {
            throw new InvalidOperationException($"Nothing waits for {OursDefinitions.SignalName} under {correlation}.");
        }

        wakeup.Nudge();
        correlated.TryRemove(correlation, out var instanceId);
        return await probe.WaitAsync(instanceId!, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        wakeup.Nudge();
        await worker;
        foreach (var context in contexts)
        {
            await context.DisposeAsync();
        }

        stopping.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }
    }

    private async Task<string> AssertPragmasAsync(PortalDbContext db, int expectedSynchronous, CancellationToken cancellationToken)
    {
        var journal = await PragmaAsync(db, "journal_mode", cancellationToken);
        var synchronous = await PragmaAsync(db, "synchronous", cancellationToken);
        if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase) || synchronous != expectedSynchronous.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException(
                $"The engine's SQLite connection has journal_mode={journal}, synchronous={synchronous}; the bench requires journal_mode=wal and synchronous={expectedSynchronous} " +
                "(2 = FULL, the portal's; another level only with --synchronous). Refusing to measure.");
        }

        return $"journal_mode={journal}, synchronous={synchronous}";
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
