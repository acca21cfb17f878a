using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Portal.Domain.Validation;
using Portal.Workflows.Activities.BuiltIn;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;
using Portal.Workflows.Telemetry;

namespace Portal.Workflows.Hosting;

/// <summary>
/// The durable side of the engine. A start runs at once, in the caller, until the instance blocks, finishes or
/// reaches a side effect, and is stored once; a resume of an instance at rest does the same under a lease.
/// Everything else — side effects, timers, resumes of busy instances, cancels of busy instances — is a work item in
/// the database: a node's worker claims due items (no more than it has free slots), takes the instance's lease, runs
/// the step with <see cref="WorkflowRunner"/> while a heartbeat renews the lease, and commits the new state with the
/// work it consumed and caused as soon as that step ends, all or nothing. A node that dies mid-step loses nothing
/// but that step: its claim and lease expire and another node runs it again from the last committed state.
/// </summary>
public sealed partial class WorkflowEngine(
    IWorkflowDefinitionStore definitions, IWorkflowInstanceStore instances, WorkflowRunner runner, TimeProvider clock,
    WorkflowEngineOptions options, PublishedDefinitionCache cache, ILogger<WorkflowEngine> logger, WorkflowGroupCommit? groupCommit = null,
    WorkflowTelemetry? telemetry = null)
{
    private static readonly JsonObject TimedOut = new() { ["timedOut"] = true };

    /// <summary>After this many starts that lost a race with a publish, the last one commits unchecked.</summary>
    private const int MaxStartAttempts = 3;

    /// <summary>The longest pause of a worker that cannot reach the database, between two attempts.</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private readonly WorkflowGroupCommit commits = groupCommit ?? new WorkflowGroupCommit();

    private readonly WorkflowTelemetry metrics = telemetry ?? WorkflowTelemetry.Unobserved;

    public string Node => options.NodeId;

    /// <summary>
    /// Creates an instance of the latest published version (or a pinned one) and runs it at once, until it
    /// completes, waits on a bookmark, faults, comes to an activity with side effects, or spends its step budget (a
    /// loop). Then it is stored — in one transaction with other callers' writes of the moment — with the work that
    /// continues it (the side effect, the rest of a loop, timers, children), and the stored state is returned. Until
    /// this returns, the instance does not exist: nobody else can see or touch it, so this run needs no lease, and a
    /// crash before the commit leaves nothing.
    /// </summary>
    public async Task<ValidationResult<WorkflowState>> StartAsync(
        string definitionId, JsonObject? inputs, string? correlationId, CancellationToken cancellationToken, int? version = null)
    {
        if (version is StoredDefinition.DraftVersion)
        {
            return ValidationResult<WorkflowState>.Failure("version", "A draft cannot run; publish it first.");
        }

        // "The latest version" is the one a node remembers; the commit checks that it still is (it rarely is not:
        // a version published on another node since), and the start runs again on the new one if not.
        for (var attempt = 1; ; attempt++)
        {
            var number = version ?? await cache.LatestVersionAsync(definitions, definitionId, cancellationToken);
            var definition = number is { } v ? await cache.GetAsync(definitions, definitionId, v, cancellationToken) : null;
            if (definition is null)
            {
                return ValidationResult<WorkflowState>.Failure("definitionId", $"There is no published workflow '{definitionId}'{(version is null ? "" : $" version {version}")}.");
            }

            var created = runner.Create(definition, number!.Value, inputs, correlationId);
            if (!created.IsValid)
            {
                return created;
            }

            var state = created.Value;
            state.TraceParent = Activity.Current?.Id;
            await runner.ContinueAsync(definition, state, cancellationToken, runner.NewStepLimit(stopBeforeSideEffects: true));
            var effects = await ConsequencesAsync(state, new Dictionary<string, DateTimeOffset?>(), WorkflowStatus.Running, cancellationToken);
            var latest = version is null && attempt < MaxStartAttempts ? (definitionId, number.Value) : ((string, int)?)null;
            if ((await commits.WriteAsync(instances, new InstanceWrite.Create([state, .. effects.Children], effects.Work, latest))).Applied)
            {
                metrics.Started(1 + effects.Children.Count);
                metrics.Reached(state, WorkflowStatus.Running, 0);
                return created;
            }

            cache.ForgetLatest(definitionId);
        }
    }

    /// <summary>
    /// Resumes one bookmark. An instance at rest (suspended; no lease; no work due) is leased and resumed at once,
    /// in the caller, until it blocks, finishes, reaches a side effect or spends its step budget, and committed once.
    /// Otherwise — or when the bookmark's own resume has side effects — the resume is queued for the worker, after
    /// what is pending. Either way it is durable when this returns. Delivered twice, the second finds the bookmark
    /// consumed and does nothing; the lease and the commit's fence and revision keep two nodes from both resuming it.
    /// </summary>
    public async Task ResumeAsync(string instanceId, string bookmarkId, JsonNode? payload, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var queued = WorkItem.New(instanceId, WorkKind.Resume, now, bookmarkId, payload?.ToJsonString());
        var owner = $"{Node}#{Guid.NewGuid():N}";
        var taken = await commits.WriteAsync(instances, new InstanceWrite.LeaseAtRest(instanceId, owner, now, now + options.LeaseDuration, queued));
        if (taken.Lease is not { } lease)
        {
            return;
        }

        InstanceWrite done;
        try
        {
            done = await ResumeLeasedAsync(lease, bookmarkId, payload, queued, cancellationToken);
        }
        catch
        {
            // The caller sees the failure and nothing happened; the instance must not stay held until the lease expires.
            await TryReleaseAsync(lease);
            throw;
        }

        var applied = (await commits.WriteAsync(instances, done)).Applied;
        if (done is InstanceWrite.Commit committed)
        {
            if (applied)
            {
                Count(committed.Step);
            }
            else
            {
                LogLostLease(instanceId);
            }
        }
    }

    /// <summary>Runs a leased resume; returns what to write: its step, or the lease given back (with the resume queued for the worker).</summary>
    private async Task<InstanceWrite> ResumeLeasedAsync(InstanceLease lease, string bookmarkId, JsonNode? payload, WorkItem queued, CancellationToken cancellationToken)
    {
        var state = lease.State;
        var bookmark = state.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId);
        if (bookmark is null)
        {
            // Consumed already (a repeated delivery): nothing to run and nothing to queue.
            LogResumeIgnored(state.InstanceId, bookmarkId, ResumeResult.NotFound.Message!);
            return new InstanceWrite.Release(lease);
        }

        var definition = await cache.GetAsync(definitions, state.DefinitionId, state.DefinitionVersion, cancellationToken);
        if (definition is null || runner.ResumeHasSideEffects(definition, bookmark))
        {
            // Not for a caller to run: the worker takes it, as it takes every queued resume.
            return new InstanceWrite.Release(lease, queued);
        }

        var (statusBefore, incidentsBefore) = (state.Status, state.Incidents.Count);
        var before = DueTimes(state);
        var resumed = await runner.ResumeAsync(definition, state, bookmarkId, payload, cancellationToken, runner.NewStepLimit(stopBeforeSideEffects: true));
        if (resumed.Outcome != ResumeOutcome.Resumed)
        {
            LogResumeIgnored(state.InstanceId, bookmarkId, resumed.Message ?? resumed.Outcome.ToString());
        }

        var effects = await ConsequencesAsync(state, before, statusBefore, cancellationToken);
        return new InstanceWrite.Commit(effects.Step(lease, state, [], statusBefore, incidentsBefore), Otherwise: queued);
    }

    /// <summary>Resumes whatever waits under <paramref name="name"/> for the correlation id (see <see cref="ResumeAsync"/>); false when nothing does.</summary>
    public async Task<bool> SignalAsync(string name, string correlationId, JsonNode? payload, CancellationToken cancellationToken)
    {
        if (await instances.FindBookmarkAsync(name, correlationId, cancellationToken) is not { } found)
        {
            return false;
        }

        await ResumeAsync(found.InstanceId, found.BookmarkId, payload, cancellationToken);
        return true;
    }

    /// <summary>
    /// An admin's retry of the failed activity of a faulted instance. The activity runs on the worker when it has side
    /// effects (never in the caller's request); a step of the instance still running elsewhere is waited for.
    /// </summary>
    public Task<ValidationResult<WorkflowState>> RetryAsync(string instanceId, CancellationToken cancellationToken) =>
        AdministerAsync(instanceId, async (definition, state, limit) => await runner.RetryAsync(definition, state, cancellationToken, limit)
            ? ValidationResult<WorkflowState>.Success(state)
            : ValidationResult<WorkflowState>.Failure("status", "Only a faulted instance can be retried."), cancellationToken);

    /// <summary>An admin's skip of the failed activity, continuing with the chosen outcome.</summary>
    public Task<ValidationResult<WorkflowState>> SkipAsync(string instanceId, string outcome, CancellationToken cancellationToken) =>
        AdministerAsync(instanceId, (definition, state, limit) => runner.SkipAsync(definition, state, outcome, cancellationToken, limit), cancellationToken);

    /// <summary>
    /// A cancel: nothing more runs, and the declared compensations run once, on the worker. When nobody holds the
    /// instance the cancel is applied at once (the compensations are queued with it); when a step of it is running —
    /// on this node's worker or another's — a cancel is queued instead: that step's heartbeat sees it and stops the
    /// step at its next activity, and the cancel runs next, before any other work of the instance. Either way it is
    /// durable when this returns; the state returned is the one stored then (Cancelled, or still Running while the
    /// compensations or the queued cancel wait for the worker).
    /// <paramref name="refuseWhen"/> looks at the state as leased (no step can move it meanwhile) and may refuse with a
    /// reason, e.g. a requester's cancel that came after the approval; such a cancel waits for a running step to end
    /// (up to <see cref="WorkflowEngineOptions.AdminWait"/>) instead of being queued.
    /// </summary>
    public async Task<ValidationResult<WorkflowState>> CancelAsync(string instanceId, CancellationToken cancellationToken, Func<WorkflowState, string?>? refuseWhen = null)
    {
        InstanceLease? lease = null;
        if (refuseWhen is null
            && (lease = await instances.AcquireLeaseAsync(instanceId, Node, clock.GetUtcNow(), options.LeaseDuration, cancellationToken)) is null)
        {
            if (await instances.FindAsync(instanceId, cancellationToken) is not { } busy)
            {
                return ValidationResult<WorkflowState>.Failure("id", $"There is no workflow instance {instanceId}.");
            }

            if (busy.Status is WorkflowStatus.Completed or WorkflowStatus.Cancelled)
            {
                return ValidationResult<WorkflowState>.Failure("status", $"A {busy.Status} instance cannot be cancelled.");
            }

            await instances.EnqueueAsync(WorkItem.New(instanceId, WorkKind.Cancel, clock.GetUtcNow()), cancellationToken);
            LogCancelQueued(instanceId);
            return ValidationResult<WorkflowState>.Success(busy);
        }

        return await AdministerAsync(instanceId, async (definition, state, limit) =>
        {
            if (refuseWhen?.Invoke(state) is { } refusal)
            {
                return ValidationResult<WorkflowState>.Failure("status", refusal);
            }

            return await runner.CancelAsync(definition, state, cancellationToken, limit)
                ? ValidationResult<WorkflowState>.Success(state)
                : ValidationResult<WorkflowState>.Failure("status", $"A {state.Status} instance cannot be cancelled.");
        }, cancellationToken, lease);
    }

    /// <summary>
    /// Runs an admin's change under the instance's lease (<paramref name="lease"/>, or taken here, waiting for a running
    /// step of the instance to end), in the caller, stopping before any side effect (the worker runs it), and commits
    /// it; a refused change commits nothing.
    /// </summary>
    private async Task<ValidationResult<WorkflowState>> AdministerAsync(
        string instanceId, Func<WorkflowDefinition, WorkflowState, StepLimit, Task<ValidationResult<WorkflowState>>> change, CancellationToken cancellationToken,
        InstanceLease? lease = null)
    {
        lease ??= await WaitForLeaseAsync(instanceId, cancellationToken);
        if (lease is null)
        {
            return await instances.FindAsync(instanceId, cancellationToken) is null
                ? ValidationResult<WorkflowState>.Failure("id", $"There is no workflow instance {instanceId}.")
                : ValidationResult<WorkflowState>.Failure("id", "A step of this instance is still running; try again in a moment.");
        }

        ValidationResult<WorkflowState> result;
        StepCommit step;
        try
        {
            var state = lease.State;
            var definition = await cache.GetAsync(definitions, state.DefinitionId, state.DefinitionVersion, cancellationToken);
            if (definition is null)
            {
                await commits.WriteAsync(instances, new InstanceWrite.Release(lease));
                return ValidationResult<WorkflowState>.Failure("definitionId", $"Version {state.DefinitionVersion} of '{state.DefinitionId}' is missing.");
            }

            var before = DueTimes(state);
            var (statusBefore, wasCancelling, incidentsBefore) = (state.Status, state.Cancelling, state.Incidents.Count);
            result = await change(definition, state, runner.NewStepLimit(stopBeforeSideEffects: true));
            if (!result.IsValid)
            {
                await commits.WriteAsync(instances, new InstanceWrite.Release(lease));
                return result;
            }

            step = (await ConsequencesAsync(state, before, statusBefore, cancellationToken)).Step(lease, state, [], statusBefore, incidentsBefore);
            if (state.Cancelling && !wasCancelling)
            {
                // The cancel consumed every path: whatever work of the instance is stored (timers, resumes, a queued cancel) is void.
                step = step with { DropAllWork = true };
            }
        }
        catch
        {
            await TryReleaseAsync(lease);
            throw;
        }

        if ((await instances.CommitAsync([step], cancellationToken)).Count > 0)
        {
            return ValidationResult<WorkflowState>.Failure("id", "The instance changed while this ran; nothing was saved. Try again.");
        }

        Count(step);

        return result;
    }

    /// <summary>Counts what a committed step did: the children it created, the status it reached, the incidents it raised.</summary>
    private void Count(StepCommit step)
    {
        metrics.Started(step.Created.Count);
        metrics.Reached(step.State, step.StatusBefore, step.IncidentsBefore);
    }

    /// <summary>Gives a lease back after a failure; when that fails too (the database is away), the lease expires by itself.</summary>
    private async Task TryReleaseAsync(InstanceLease lease)
    {
        try
        {
            await commits.WriteAsync(instances, new InstanceWrite.Release(lease));
        }
        catch (Exception e)
        {
            LogCommitFailed(e, lease.InstanceId);
        }
    }

    /// <summary>The instance's lease, waiting up to <see cref="WorkflowEngineOptions.AdminWait"/> while a step of it runs; null when it did not come free.</summary>
    private async Task<InstanceLease?> WaitForLeaseAsync(string instanceId, CancellationToken cancellationToken)
    {
        // The wait is the caller's patience (a person clicking a button), measured in real time.
        var waited = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            if (await instances.AcquireLeaseAsync(instanceId, Node, clock.GetUtcNow(), options.LeaseDuration, cancellationToken) is { } lease)
            {
                return lease;
            }

            if (waited.Elapsed >= options.AdminWait || await instances.FindAsync(instanceId, cancellationToken) is null)
            {
                return null;
            }

            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 500));
        }
    }

    /// <summary>What a step causes besides its own state, committed with it.</summary>
    private sealed record Effects(List<WorkItem> Work, List<WorkflowState> Children, List<string> DroppedTimers)
    {
        public StepCommit Step(InstanceLease lease, WorkflowState state, IReadOnlyList<WorkItem> consumed, WorkflowStatus statusBefore, int incidentsBefore) =>
            new(lease, state, consumed, Work, Children)
            {
                DroppedTimers = DroppedTimers,
                DropAllWork = state.Status is WorkflowStatus.Completed or WorkflowStatus.Cancelled,
                StatusBefore = statusBefore,
                IncidentsBefore = incidentsBefore,
            };
    }

    /// <summary>
    /// What a step causes besides its own state, committed with it: timer work for new due bookmarks (and the old
    /// timers of bookmarks it consumed, to delete), child instances for RunWorkflow (with their start), the
    /// continuation of a step that stopped early (before a side effect, or its budget spent), and — when a child
    /// finishes — the parent's resume.
    /// </summary>
    private async Task<Effects> ConsequencesAsync(
        WorkflowState state, Dictionary<string, DateTimeOffset?> bookmarksBefore, WorkflowStatus statusBefore, CancellationToken cancellationToken,
        bool continuation = true, DateTimeOffset? place = null)
    {
        var now = clock.GetUtcNow();
        // Children and a parent's resume carry on the work that caused them, so they keep its place in the queue.
        var carriedOn = KeptPlace(place, now);
        var effects = new Effects([], [], []);
        foreach (var bookmark in state.Bookmarks)
        {
            var isNew = !bookmarksBefore.TryGetValue(bookmark.Id, out var dueBefore);
            // A bookmark that waits again keeps its id: it needs a timer only when its due time changed.
            if (bookmark.DueAt is { } due && (isNew || dueBefore != due))
            {
                effects.Work.Add(WorkItem.New(state.InstanceId, WorkKind.Timer, due, bookmark.Id));
            }

            if (isNew && bookmark.Name == RunWorkflowActivity.BookmarkName)
            {
                var created = await CreateChildrenAsync(state, bookmark, cancellationToken);
                if (created.IsValid)
                {
                    effects.Children.AddRange(created.Value);
                    effects.Work.AddRange(created.Value.Select(child => WorkItem.New(child.InstanceId, WorkKind.Start, carriedOn)));
                }
                else
                {
                    var refusal = new JsonObject { ["status"] = "NotStarted", ["message"] = string.Join(" ", created.Errors.Select(e => e.Message)) };
                    effects.Work.Add(WorkItem.New(state.InstanceId, WorkKind.Resume, now, bookmark.Id, refusal.ToJsonString()));
                }
            }
        }

        foreach (var (bookmarkId, dueBefore) in bookmarksBefore)
        {
            // Consumed, or waiting again with another due time: its timer is stale, and goes in the same commit.
            if (dueBefore is not null && state.Bookmarks.Find(b => b.Id == bookmarkId)?.DueAt != dueBefore)
            {
                effects.DroppedTimers.Add(bookmarkId);
            }
        }

        if (continuation && NeedsContinuation(state))
        {
            // The run stopped early — before a side effect (its start commits first) or with its budget spent: continue right after.
            effects.Work.Add(WorkItem.New(state.InstanceId, WorkKind.Start, now));
        }

        var finished = state.Status is WorkflowStatus.Completed or WorkflowStatus.Cancelled;
        if (finished && statusBefore != state.Status && state.ParentInstanceId is { } parent && state.ParentBookmarkId is { } parentBookmark)
        {
            var outcome = new JsonObject
            {
                ["status"] = state.Status.ToString(),
                ["childId"] = state.InstanceId,
                ["inputs"] = state.Inputs.DeepClone(),
                ["variables"] = state.Variables.DeepClone(),
                ["message"] = state.Status == WorkflowStatus.Cancelled ? "the child was cancelled" : null,
            };
            effects.Work.Add(WorkItem.New(parent, WorkKind.Resume, carriedOn, parentBookmark, outcome.ToJsonString()));
        }

        return effects;
    }

    /// <summary>Whether the instance stopped with work queued (a checkpoint before a side effect, or a yield): a Start item must continue it.</summary>
    private static bool NeedsContinuation(WorkflowState state) => state.Status == WorkflowStatus.Running && state.Queue.Count > 0;

    /// <summary>The child a RunWorkflow asked for, or one child per element of its <c>each</c> list; none when any cannot be created.</summary>
    private async Task<ValidationResult<IReadOnlyList<WorkflowState>>> CreateChildrenAsync(WorkflowState parent, Bookmark bookmark, CancellationToken cancellationToken)
    {
        var request = bookmark.Data as JsonObject ?? [];
        var childId = request["workflow"]?.GetValue<string>() ?? "";
        int? version = Activities.JsonNumbers.TryRead(request["version"], out var pinned) ? (int)pinned : null;
        var stored = await definitions.FindAsync(childId, version, cancellationToken);
        if (stored is not { IsPublished: true })
        {
            return ValidationResult<IReadOnlyList<WorkflowState>>.Failure("workflow", $"there is no published workflow '{childId}'{(version is null ? "" : $" version {version}")}");
        }

        var inputs = RunWorkflowActivity.ChildInputs(request);
        var children = new List<WorkflowState>(inputs.Count);
        foreach (var input in inputs)
        {
            var child = runner.Create(stored.Definition, stored.Version, input, parent.CorrelationId, parent: bookmark, parentInstanceId: parent.InstanceId);
            if (!child.IsValid)
            {
                return ValidationResult<IReadOnlyList<WorkflowState>>.Failure(child.Errors);
            }

            child.Value.TraceParent = parent.TraceParent;

            children.Add(child.Value);
        }

        return ValidationResult<IReadOnlyList<WorkflowState>>.Success(children);
    }

    /// <summary>
    /// One round of the worker, for tools and tests: claims up to <paramref name="max"/> due work items with their
    /// instances' leases, runs the instances' steps (up to <see cref="WorkflowEngineOptions.Concurrency"/> at once),
    /// and commits each step as soon as it ends. Returns how many items it claimed. Cancelling
    /// <paramref name="cancellationToken"/> aborts the running steps, which give their instances back.
    /// </summary>
    public async Task<int> ProcessDueAsync(int max, CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(max, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        using var slots = new SemaphoreSlim(options.Concurrency);
        await Task.WhenAll(claimed.Select(async instance =>
        {
            await slots.WaitAsync(CancellationToken.None);
            try
            {
                await RunClaimedAsync(instance, CancellationToken.None, cancellationToken);
            }
            finally
            {
                slots.Release();
            }
        }));
        return claimed.Sum(c => c.Items.Count);
    }

    /// <summary>
    /// The worker of a node, until <paramref name="stopping"/>: it keeps up to <see cref="WorkflowEngineOptions.Concurrency"/>
    /// instances running, claims no more work than it has free slots (so that work spreads over the nodes), claims
    /// again as soon as a step ends, and otherwise waits on <paramref name="idle"/> (the poll interval or a nudge).
    /// When the database cannot be reached it backs off (doubling, up to 10 s) and resumes by itself. On
    /// <paramref name="stopping"/> it claims nothing more and each running step stops at its next activity and commits;
    /// <paramref name="abort"/> (the host's shutdown timeout) cuts the running steps short: they give their instances
    /// back at once, for another node to run again.
    /// </summary>
    public async Task RunWorkerAsync(Func<CancellationToken, Task> idle, CancellationToken stopping, CancellationToken abort)
    {
        var running = new List<Task>();
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            var free = options.Concurrency - running.Count;
            var more = false;
            if (free > 0)
            {
                IReadOnlyList<ClaimedInstance> claimed;
                try
                {
                    claimed = await ClaimAsync(free, stopping);
                    failures = 0;
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    failures++;
                    var pause = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, options.FailedStepRetry.Ticks << Math.Min(failures - 1, 16)));
                    LogClaimFailed(e, pause);
                    try
                    {
                        await Task.Delay(pause, clock, stopping);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    continue;
                }

                foreach (var instance in claimed)
                {
                    running.Add(RunClaimedAsync(instance, stopping, abort));
                }

                // A full batch: more may be due. Fewer: nothing else is due now.
                more = claimed.Sum(c => c.Items.Count) >= free;
            }

            if (more && running.Count < options.Concurrency)
            {
                continue;
            }

            // Wait for a slot to come free (its step may have left work due), for new work, or for the stop.
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var waits = new List<Task>(running);
            if (running.Count < options.Concurrency)
            {
                waits.Add(idle(wake.Token));
            }

            await Task.WhenAny(waits);
            await wake.CancelAsync();
        }

        await Task.WhenAll(running);
    }

    private Task<IReadOnlyList<ClaimedInstance>> ClaimAsync(int max, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return instances.ClaimAsync(Node, now, options.ClaimDuration, options.LeaseDuration, now + options.BusyRetry, max, cancellationToken);
    }

    /// <summary>
    /// Runs one claimed instance's step with a heartbeat and commits it as soon as it ends. The heartbeat renews the
    /// lease and the claims every <see cref="WorkflowEngineOptions.HeartbeatInterval"/>, asks the step to yield at its
    /// next activity when a cancel of the instance waits, and cancels the step when the lease was taken over (or could
    /// not be renewed before it lapsed). A step that fails, or is cut short, gives the instance back at once. Never throws.
    /// </summary>
    private async Task RunClaimedAsync(ClaimedInstance claimed, CancellationToken stopping, CancellationToken abort)
    {
        var lease = claimed.Lease;
        var limit = runner.NewStepLimit();
        using var step = CancellationTokenSource.CreateLinkedTokenSource(abort);
        using var beating = new CancellationTokenSource();
        using var yieldOnStop = stopping.Register(limit.RequestYield);
        var heartbeat = HeartbeatAsync(lease, limit, step, beating.Token);
        StepCommit? commit = null;
        Exception? failure = null;
        using (var span = StartStepSpan(lease.State))
        {
            try
            {
                commit = await RunStepAsync(claimed, limit, step.Token);
            }
            catch (Exception e)
            {
                failure = e;
                span?.SetStatus(ActivityStatusCode.Error, e.Message);
            }
        }

        await beating.CancelAsync();
        var lost = await heartbeat;
        try
        {
            if (commit is not null)
            {
                // Its own commit, now: what this step did is never left waiting on another instance's step.
                if ((await commits.WriteAsync(instances, new InstanceWrite.Commit(commit))).Applied)
                {
                    Count(commit);
                }
                else
                {
                    LogLostLease(lease.InstanceId);
                }

                return;
            }

            if (lost)
            {
                // Another node holds the instance now: nothing of this step counts, and nothing is ours to give back.
                LogLostLease(lease.InstanceId);
                return;
            }

            var retryAt = failure is OperationCanceledException && abort.IsCancellationRequested
                ? clock.GetUtcNow()
                : clock.GetUtcNow() + (failure is null ? options.LeaseDuration : options.FailedStepRetry);
            if (failure is not null && !abort.IsCancellationRequested)
            {
                LogStepFailed(failure, lease.InstanceId);
            }

            // Given back at once: another node (or this one) takes the work without waiting for the claim to expire.
            await commits.WriteAsync(instances, new InstanceWrite.GiveBack(lease, claimed.Items, retryAt));
        }
        catch (Exception e)
        {
            // The database is away: the claim and the lease expire by themselves, and the step runs again then.
            LogCommitFailed(e, lease.InstanceId);
        }
    }

    /// <summary>A span for a step the worker runs, in the trace of the request that started the instance when there was one.</summary>
    private static Activity? StartStepSpan(WorkflowState state)
    {
        if (!WorkflowTelemetry.Source.HasListeners())
        {
            return null;
        }

        var parent = ActivityContext.TryParse(state.TraceParent, null, out var context) ? context : default;
        var span = WorkflowTelemetry.Source.StartActivity($"{state.DefinitionId} step", ActivityKind.Internal, parent);
        span?.SetTag("workflow.definition", state.DefinitionId);
        span?.SetTag("workflow.instance", state.InstanceId);
        return span;
    }

    /// <summary>Renews the lease until <paramref name="stop"/>; true when the lease was lost or lapsed (the step was cancelled then).</summary>
    private async Task<bool> HeartbeatAsync(InstanceLease lease, StepLimit limit, CancellationTokenSource step, CancellationToken stop)
    {
        var expires = lease.ExpiresAt;
        while (true)
        {
            try
            {
                await Task.Delay(options.HeartbeatInterval, clock, stop);
                var now = clock.GetUtcNow();
                // Not cancelled by the step's end: a statement cut short mid-flight would leave the shared connection in doubt.
                var renewal = await instances.RenewAsync(lease, now + options.LeaseDuration, now + options.ClaimDuration, CancellationToken.None);
                if (!renewal.Held)
                {
                    LogLeaseTakenOver(lease.InstanceId);
                    metrics.LeaseTakenOver();
                    await step.CancelAsync();
                    return true;
                }

                expires = now + options.LeaseDuration;
                if (renewal.CancelRequested)
                {
                    LogCancelSeen(lease.InstanceId);
                    limit.RequestYield();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e)
            {
                if (clock.GetUtcNow() >= expires)
                {
                    // Another node may take the instance now: this step must not act any further.
                    LogLeaseLapsed(e, lease.InstanceId);
                    await step.CancelAsync();
                    return true;
                }

                LogRenewalFailed(e, lease.InstanceId);
            }
        }
    }

    /// <summary>
    /// Runs one claimed instance's items in order until they are done or its step stops early (a checkpoint before a
    /// side effect, its budget spent, a yield): the rest is handed back. A claimed cancel comes first and consumes every
    /// other item claimed with it. Null when the instance's definition is missing.
    /// </summary>
    private async Task<StepCommit?> RunStepAsync(ClaimedInstance claimed, StepLimit limit, CancellationToken cancellationToken)
    {
        var state = claimed.Lease.State;
        var (statusAtStart, incidentsAtStart) = (state.Status, state.Incidents.Count);
        var definition = await cache.GetAsync(definitions, state.DefinitionId, state.DefinitionVersion, cancellationToken);
        if (definition is null)
        {
            LogMissingDefinition(state.InstanceId, state.DefinitionId, state.DefinitionVersion);
            return null;
        }

        var caused = new List<WorkItem>();
        var children = new List<WorkflowState>();
        var dropped = new List<string>();
        var consumed = new List<WorkItem>();
        var dropAll = false;
        if (claimed.Items.Any(w => w.Kind == WorkKind.Cancel))
        {
            var bookmarksBefore = DueTimes(state);
            var (statusBefore, wasCancelling) = (state.Status, state.Cancelling);
            if (!await runner.CancelAsync(definition, state, cancellationToken, limit))
            {
                LogCancelIgnored(state.InstanceId, state.Status);
            }

            var effects = await ConsequencesAsync(state, bookmarksBefore, statusBefore, cancellationToken, continuation: false);
            (caused, children, dropped) = (effects.Work, effects.Children, effects.DroppedTimers);
            consumed.AddRange(claimed.Items);
            dropAll = state.Cancelling && !wasCancelling;
        }
        else
        {
            foreach (var work in claimed.Items)
            {
                if (consumed.Count > 0 && NeedsContinuation(state))
                {
                    // It stopped early: what it did commits first; the rest waits for the continuation.
                    break;
                }

                consumed.Add(work);
                var bookmarksBefore = DueTimes(state);
                var statusBefore = state.Status;
                await RunItemAsync(definition, state, work, limit, cancellationToken);
                var effects = await ConsequencesAsync(state, bookmarksBefore, statusBefore, cancellationToken, continuation: false, place: work.DueAt);
                caused.AddRange(effects.Work);
                children.AddRange(effects.Children);
                dropped.AddRange(effects.DroppedTimers);
            }
        }

        var released = claimed.Items.Except(consumed).ToList();
        if (NeedsContinuation(state))
        {
            // One continuation for the whole step; the claimed Start items it makes redundant go with it.
            caused.Add(WorkItem.New(state.InstanceId, WorkKind.Start, ContinuationPlace(consumed, limit)));
            consumed.AddRange(released.Where(w => w.Kind == WorkKind.Start));
            released.RemoveAll(w => w.Kind == WorkKind.Start);
        }

        // A timer made earlier in this step for a bookmark a later item consumed would fire for nothing.
        caused.RemoveAll(w => w.Kind == WorkKind.Timer && w.InstanceId == state.InstanceId
            && !state.Bookmarks.Exists(b => b.Id == w.BookmarkId && b.DueAt == w.DueAt));
        return new StepCommit(claimed.Lease, state, consumed, caused, children)
        {
            Released = released,
            DroppedTimers = dropped,
            DropAllWork = dropAll || state.Status is WorkflowStatus.Completed or WorkflowStatus.Cancelled,
            StatusBefore = statusAtStart,
            IncidentsBefore = incidentsAtStart,
        };
    }

    /// <summary>
    /// Where the continuation of a step goes in the due-work queue (claimed oldest due first). A step that stopped at a
    /// checkpoint before a side effect keeps the place of the work it consumed: a deployment in flight goes on before
    /// work that arrived after it, instead of going to the back behind every newer request after each of its steps
    /// (under a burst, thousands of deployments then advanced in lockstep and none finished). A step that yielded (its
    /// budget spent, a cancel or the node's stop waiting) goes to the back, so a loop cannot hold the front.
    /// </summary>
    private DateTimeOffset ContinuationPlace(List<WorkItem> consumed, StepLimit limit) =>
        KeptPlace(limit.Yielded || consumed.Count == 0 ? null : consumed.Min(w => w.DueAt), clock.GetUtcNow());

    /// <summary>The place in the queue of work that carries on work due at <paramref name="place"/>: that place, never later than now.</summary>
    private static DateTimeOffset KeptPlace(DateTimeOffset? place, DateTimeOffset now) =>
        place is { } earlier && earlier < now ? earlier : now;

    private async Task RunItemAsync(WorkflowDefinition definition, WorkflowState state, WorkItem work, StepLimit limit, CancellationToken cancellationToken)
    {
        switch (work.Kind)
        {
            case WorkKind.Start:
                await runner.ContinueAsync(definition, state, cancellationToken, limit);
                break;
            case WorkKind.Resume:
                var payload = work.PayloadJson is null ? null : JsonNode.Parse(work.PayloadJson);
                var resumed = await runner.ResumeAsync(definition, state, work.BookmarkId!, payload, cancellationToken, limit);
                if (resumed.Outcome != ResumeOutcome.Resumed)
                {
                    LogResumeIgnored(state.InstanceId, work.BookmarkId!, resumed.Message ?? resumed.Outcome.ToString());
                }

                break;
            case WorkKind.Timer:
                // A timer older than its bookmark's due time (the bookmark waited again, later) fires nothing: the newer timer will.
                if (state.Bookmarks.FirstOrDefault(b => b.Id == work.BookmarkId) is not { DueAt: { } dueAt } || dueAt <= clock.GetUtcNow())
                {
                    await runner.ResumeAsync(definition, state, work.BookmarkId!, TimedOut.DeepClone(), cancellationToken, limit);
                }

                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: its lease was taken over; the step was not committed and will run on the new holder")]
    private partial void LogLostLease(string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: another node took the lease over; the running step is cancelled")]
    private partial void LogLeaseTakenOver(string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: the lease could not be renewed before it lapsed; the running step is cancelled")]
    private partial void LogLeaseLapsed(Exception exception, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: the lease could not be renewed; trying again at the next heartbeat")]
    private partial void LogRenewalFailed(Exception exception, string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: a cancel waits; the running step stops at its next activity")]
    private partial void LogCancelSeen(string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: a step of it is running; the cancel is queued and runs as soon as that step ends")]
    private partial void LogCancelQueued(string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: cancel ignored, the instance is {Status}")]
    private partial void LogCancelIgnored(string instanceId, WorkflowStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: the step failed; the instance is given back and runs again shortly")]
    private partial void LogStepFailed(Exception exception, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: the step's outcome could not be written; its claim and lease will expire and the step runs again")]
    private partial void LogCommitFailed(Exception exception, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming workflow work failed; trying again in {Pause}")]
    private partial void LogClaimFailed(Exception exception, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: resume of {BookmarkId} ignored: {Reason}")]
    private partial void LogResumeIgnored(string instanceId, string bookmarkId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Instance {InstanceId} runs {DefinitionId} version {Version}, which is not in the store")]
    private partial void LogMissingDefinition(string instanceId, string definitionId, int version);

    private static Dictionary<string, DateTimeOffset?> DueTimes(WorkflowState state) =>
        state.Bookmarks.ToDictionary(b => b.Id, b => b.DueAt, StringComparer.Ordinal);
}
