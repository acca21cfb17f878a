using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Portal.Domain.Validation;
using Portal.Workflows.Activities.BuiltIn;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Workflows.Hosting;

/// <summary>
/// The durable side of the engine. A start runs at once, in the caller, until the instance blocks, finishes or
/// reaches a side effect, and is stored once; a resume of an instance at rest does the same under a lease.
/// Everything else — side effects, timers, resumes of busy instances — is a work item in the database: a node
/// claims due items, takes the instance's lease, runs the step with <see cref="WorkflowRunner"/> and commits the
/// new state with the work it consumed and caused, all or nothing. A node that dies mid-step loses nothing: its
/// claim and lease expire and another node runs the step from the last committed state.
/// </summary>
public sealed partial class WorkflowEngine(
    IWorkflowDefinitionStore definitions, IWorkflowInstanceStore instances, WorkflowRunner runner, TimeProvider clock,
    WorkflowEngineOptions options, PublishedDefinitionCache cache, ILogger<WorkflowEngine> logger, WorkflowGroupCommit? groupCommit = null)
{
    private static readonly JsonObject TimedOut = new() { ["timedOut"] = true };

    /// <summary>After this many starts that lost a race with a publish, the last one commits unchecked.</summary>
    private const int MaxStartAttempts = 3;
    private readonly WorkflowGroupCommit commits = groupCommit ?? new WorkflowGroupCommit();

    public string Node => options.NodeId;

    /// <summary>
    /// Creates an instance of the latest published version (or a pinned one) and runs it at once, until it
    /// completes, waits on a bookmark, faults, or comes to an activity with side effects. Then it is stored — in
    /// one transaction with other callers' writes of the moment — with the work that continues it (the side
    /// effect, timers, children), and the stored state is returned. Until this returns, the instance does not exist:
    /// nobody else can see or touch it, so this run needs no lease, and a crash before the commit leaves nothing.
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
            await runner.ContinueAsync(definition, state, cancellationToken);
            var (work, children) = await ConsequencesAsync(state, new Dictionary<string, DateTimeOffset?>(), WorkflowStatus.Running, 0, cancellationToken);
            var latest = version is null && attempt < MaxStartAttempts ? (definitionId, number.Value) : ((string, int)?)null;
            if ((await commits.WriteAsync(instances, new InstanceWrite.Create([state, .. children], work, latest))).Applied)
            {
                return created;
            }

            cache.ForgetLatest(definitionId);
        }
    }

    /// <summary>
    /// Resumes one bookmark. An instance at rest (suspended; no lease; no work due) is leased and resumed at once,
    /// in the caller, until it blocks, finishes or reaches a side effect, and committed once. Otherwise — or when
    /// the bookmark's own resume has side effects — the resume is queued for the worker, after what is pending.
    /// Either way it is durable when this returns. Delivered twice, the second finds the bookmark consumed and
    /// does nothing; the lease and the commit's fence and revision keep two nodes from both resuming it.
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
            await commits.WriteAsync(instances, new InstanceWrite.Release(lease));
            throw;
        }

        if (!(await commits.WriteAsync(instances, done)).Applied && done is InstanceWrite.Commit)
        {
            LogLostLease(instanceId);
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

        var (statusBefore, sideEffectsBefore) = (state.Status, state.StartedSideEffects.Count);
        var before = DueTimes(state);
        var resumed = await runner.ResumeAsync(definition, state, bookmarkId, payload, cancellationToken);
        if (resumed.Outcome != ResumeOutcome.Resumed)
        {
            LogResumeIgnored(state.InstanceId, bookmarkId, resumed.Message ?? resumed.Outcome.ToString());
        }

        var (work, children) = await ConsequencesAsync(state, before, statusBefore, sideEffectsBefore, cancellationToken);
        return new InstanceWrite.Commit(new StepCommit(lease, state, [], work, children), Otherwise: queued);
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

    /// <summary>An admin's retry of the failed activity of a faulted instance.</summary>
    public Task<ValidationResult<WorkflowState>> RetryAsync(string instanceId, CancellationToken cancellationToken) =>
        AdministerAsync(instanceId, async (definition, state) => await runner.RetryAsync(definition, state, cancellationToken)
            ? ValidationResult<WorkflowState>.Success(state)
            : ValidationResult<WorkflowState>.Failure("status", "Only a faulted instance can be retried."), cancellationToken);

    /// <summary>An admin's skip of the failed activity, continuing with the chosen outcome.</summary>
    public Task<ValidationResult<WorkflowState>> SkipAsync(string instanceId, string outcome, CancellationToken cancellationToken) =>
        AdministerAsync(instanceId, (definition, state) => runner.SkipAsync(definition, state, outcome, cancellationToken), cancellationToken);

    /// <summary>
    /// A cancel: nothing more runs, and the declared compensations run once. <paramref name="refuseWhen"/> looks at the
    /// state as leased (no step can move it meanwhile) and may refuse with a reason, e.g. a requester's cancel that
    /// came after the approval.
    /// </summary>
    public Task<ValidationResult<WorkflowState>> CancelAsync(string instanceId, CancellationToken cancellationToken, Func<WorkflowState, string?>? refuseWhen = null) =>
        AdministerAsync(instanceId, async (definition, state) =>
        {
            if (refuseWhen?.Invoke(state) is { } refusal)
            {
                return ValidationResult<WorkflowState>.Failure("status", refusal);
            }

            return await runner.CancelAsync(definition, state, cancellationToken)
                ? ValidationResult<WorkflowState>.Success(state)
                : ValidationResult<WorkflowState>.Failure("status", $"A {state.Status} instance cannot be cancelled.");
        }, cancellationToken);

    private async Task<ValidationResult<WorkflowState>> AdministerAsync(
        string instanceId, Func<Definitions.WorkflowDefinition, WorkflowState, Task<ValidationResult<WorkflowState>>> change, CancellationToken cancellationToken)
    {
        var lease = await instances.AcquireLeaseAsync(instanceId, Node, clock.GetUtcNow(), options.LeaseDuration, cancellationToken);
        if (lease is null)
        {
            return await instances.FindAsync(instanceId, cancellationToken) is null
                ? ValidationResult<WorkflowState>.Failure("id", $"There is no workflow instance {instanceId}.")
                : ValidationResult<WorkflowState>.Failure("id", "Another node is running a step of this instance right now; try again in a moment.");
        }

        var state = lease.State;
        var definition = await cache.GetAsync(definitions, state.DefinitionId, state.DefinitionVersion, cancellationToken);
        if (definition is null)
        {
            return ValidationResult<WorkflowState>.Failure("definitionId", $"Version {state.DefinitionVersion} of '{state.DefinitionId}' is missing.");
        }

        var before = DueTimes(state);
        var statusBefore = state.Status;
        var sideEffectsBefore = state.StartedSideEffects.Count;
        var result = await change(definition, state);
        var (work, children) = await ConsequencesAsync(state, before, statusBefore, sideEffectsBefore, cancellationToken);
        if ((await instances.CommitAsync([new StepCommit(lease, state, [], work, children)], cancellationToken)).Count > 0)
        {
            return ValidationResult<WorkflowState>.Failure("id", "The instance changed while this ran; nothing was saved. Try again.");
        }

        return result;
    }

    /// <summary>
    /// What a step causes besides its own state, committed with it: timer work for new due bookmarks, child
    /// instances for RunWorkflow (with their start), and — when a child finishes — the parent's resume.
    /// </summary>
    private async Task<(List<WorkItem> Work, List<WorkflowState> Children)> ConsequencesAsync(
        WorkflowState state, Dictionary<string, DateTimeOffset?> bookmarksBefore, WorkflowStatus statusBefore, int sideEffectsBefore, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var work = new List<WorkItem>();
        var children = new List<WorkflowState>();
        foreach (var bookmark in state.Bookmarks)
        {
            var isNew = !bookmarksBefore.TryGetValue(bookmark.Id, out var dueBefore);
            // A bookmark that waits again keeps its id: it needs a timer only when its due time changed.
            if (bookmark.DueAt is { } due && (isNew || dueBefore != due))
            {
                work.Add(WorkItem.New(state.InstanceId, WorkKind.Timer, due, bookmark.Id));
            }

            if (isNew && bookmark.Name == RunWorkflowActivity.BookmarkName)
            {
                var created = await CreateChildrenAsync(state, bookmark, cancellationToken);
                if (created.IsValid)
                {
                    children.AddRange(created.Value);
                    work.AddRange(created.Value.Select(child => WorkItem.New(child.InstanceId, WorkKind.Start, now)));
                }
                else
                {
                    var refusal = new JsonObject { ["status"] = "NotStarted", ["message"] = string.Join(" ", created.Errors.Select(e => e.Message)) };
                    work.Add(WorkItem.New(state.InstanceId, WorkKind.Resume, now, bookmark.Id, refusal.ToJsonString()));
                }
            }
        }

        if (state.StartedSideEffects.Count > sideEffectsBefore)
        {
            // The runner stopped before a side effect so that its start commits first: continue right after.
            work.Add(WorkItem.New(state.InstanceId, WorkKind.Start, now));
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
            work.Add(WorkItem.New(parent, WorkKind.Resume, now, parentBookmark, outcome.ToJsonString()));
        }

        return (work, children);
    }

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

            children.Add(child.Value);
        }

        return ValidationResult<IReadOnlyList<WorkflowState>>.Success(children);
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> due work items with their instances' leases, runs each instance's
    /// items in order, and commits every instance's step in one transaction. Returns how many items it claimed.
    /// </summary>
    public async Task<int> ProcessDueAsync(int max, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = await instances.ClaimAsync(Node, now, options.ClaimDuration, options.LeaseDuration, now + options.BusyRetry, max, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var steps = new List<StepCommit>(claimed.Count);
        foreach (var instance in claimed)
        {
            if (await RunStepAsync(instance, cancellationToken) is { } step)
            {
                steps.Add(step);
            }
        }

        foreach (var lost in await instances.CommitAsync(steps, cancellationToken))
        {
            LogLostLease(lost);
        }

        return claimed.Sum(c => c.Items.Count);
    }

    private async Task<StepCommit?> RunStepAsync(ClaimedInstance claimed, CancellationToken cancellationToken)
    {
        var state = claimed.Lease.State;
        var definition = await cache.GetAsync(definitions, state.DefinitionId, state.DefinitionVersion, cancellationToken);
        if (definition is null)
        {
            LogMissingDefinition(state.InstanceId, state.DefinitionId, state.DefinitionVersion);
            return null;
        }

        var caused = new List<WorkItem>();
        var children = new List<WorkflowState>();
        var consumed = new List<WorkItem>();
        var checkpoints = state.StartedSideEffects.Count;
        foreach (var work in claimed.Items)
        {
            if (state.StartedSideEffects.Count > checkpoints)
            {
                // A side effect's start must commit before anything else of this instance runs.
                break;
            }

            consumed.Add(work);
            var bookmarksBefore = DueTimes(state);
            var statusBefore = state.Status;
            var sideEffectsBefore = state.StartedSideEffects.Count;
            switch (work.Kind)
            {
                case WorkKind.Start:
                    await runner.ContinueAsync(definition, state, cancellationToken);
                    break;
                case WorkKind.Resume:
                    var payload = work.PayloadJson is null ? null : JsonNode.Parse(work.PayloadJson);
                    var resumed = await runner.ResumeAsync(definition, state, work.BookmarkId!, payload, cancellationToken);
                    if (resumed.Outcome != ResumeOutcome.Resumed)
                    {
                        LogResumeIgnored(state.InstanceId, work.BookmarkId!, resumed.Message ?? resumed.Outcome.ToString());
                    }

                    break;
                case WorkKind.Timer:
                    // A timer older than its bookmark's due time (the bookmark waited again, later) fires nothing: the newer timer will.
                    if (state.Bookmarks.FirstOrDefault(b => b.Id == work.BookmarkId) is not { DueAt: { } dueAt } || dueAt <= clock.GetUtcNow())
                    {
                        await runner.ResumeAsync(definition, state, work.BookmarkId!, TimedOut.DeepClone(), cancellationToken);
                    }

                    break;
            }

            var (more, started) = await ConsequencesAsync(state, bookmarksBefore, statusBefore, sideEffectsBefore, cancellationToken);
            caused.AddRange(more);
            children.AddRange(started);
        }

        return new StepCommit(claimed.Lease, state, consumed, caused, children) { Released = claimed.Items.Skip(consumed.Count).ToList() };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: its lease was taken over; the step was not committed and will run on the new holder")]
    private partial void LogLostLease(string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: resume of {BookmarkId} ignored: {Reason}")]
    private partial void LogResumeIgnored(string instanceId, string bookmarkId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Instance {InstanceId} runs {DefinitionId} version {Version}, which is not in the store")]
    private partial void LogMissingDefinition(string instanceId, string definitionId, int version);

    private static Dictionary<string, DateTimeOffset?> DueTimes(WorkflowState state) =>
        state.Bookmarks.ToDictionary(b => b.Id, b => b.DueAt, StringComparer.Ordinal);
}
