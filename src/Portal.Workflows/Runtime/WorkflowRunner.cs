using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Portal.Domain.Validation;
using Portal.Workflows.Activities;
using Portal.Workflows.Activities.BuiltIn;
using Portal.Workflows.Definitions;
using Portal.Workflows.Expressions;
using Portal.Workflows.Telemetry;

namespace Portal.Workflows.Runtime;

/// <summary>
/// Runs instances: f(definition, state, event) → new state. It starts an instance, resumes a bookmark, and
/// lets an admin retry, skip or cancel, each time running until every path is blocked or finished. It keeps
/// nothing between calls: the state object is the whole instance, and storing it is the caller's job.
/// Join semantics are written down in this project's README.
/// </summary>
public sealed partial class WorkflowRunner(
    ActivityRegistry activities, IExpressionEvaluator expressions, TimeProvider clock, ILogger<WorkflowRunner> logger)
{
    /// <summary>The bookmark name under which a failed activity waits for its next attempt.</summary>
    public const string RetryBookmark = "Retry";

    /// <summary>
    /// Stop before a side-effecting activity runs for the first time, so the caller can commit "started, key K"
    /// first; the instance stays Running with that execution queued. The durable engine turns this on.
    /// </summary>
    public bool CheckpointBeforeSideEffects { get; init; }

    /// <summary>
    /// Activity executions one step may run before it yields (0: no limit). The durable engine sets it, so that a
    /// loop cannot hold a node or a caller's request: it stops and the worker continues it later, interleaved with
    /// other instances.
    /// </summary>
    public int StepBudget { get; init; }

    /// <summary>
    /// Activity executions one instance may run in all (0: no limit). Past it the instance faults with an incident
    /// naming the activities that repeat: a loop that never ends stops there instead of running forever.
    /// </summary>
    public long TotalStepBudget { get; init; } = 10_000;

    /// <summary>
    /// Recognises failures of the infrastructure (the portal's database unreachable) rather than of the activity: they
    /// are not the activity's incident but abort the step, which runs again once the infrastructure is back.
    /// </summary>
    public Func<Exception, bool>? IsTransientFailure { get; init; }

    /// <summary>Where each activity execution's duration is recorded (by activity type); none records nothing.</summary>
    public WorkflowTelemetry? Telemetry { get; init; }

    /// <summary>A limit for one step with this runner's step budget.</summary>
    public StepLimit NewStepLimit(bool stopBeforeSideEffects = false) => new(StepBudget, stopBeforeSideEffects);

    public async Task<ValidationResult<WorkflowState>> StartAsync(
        WorkflowDefinition definition, int version, JsonObject? inputs, string? correlationId, CancellationToken cancellationToken, string? instanceId = null)
    {
        var created = Create(definition, version, inputs, correlationId, instanceId);
        if (created.IsValid)
        {
            await ContinueAsync(definition, created.Value, cancellationToken);
        }

        return created;
    }

    /// <summary>
    /// A new instance with its Start scheduled but nothing run: what a durable start stores (with a work
    /// item) before any activity has a chance to act.
    /// </summary>
    public ValidationResult<WorkflowState> Create(
        WorkflowDefinition definition, int version, JsonObject? inputs, string? correlationId, string? instanceId = null, Bookmark? parent = null, string? parentInstanceId = null)
    {
        var errors = new List<ValidationError>();
        var values = new JsonObject();
        foreach (var input in definition.Inputs)
        {
            var supplied = inputs?[input.Name];
            if (supplied is null && input.Required && input.Default is null)
            {
                errors.Add(new ValidationError($"inputs.{input.Name}", $"The workflow input '{input.Name}' is required."));
                continue;
            }

            // Checked here, where every start passes, so a wrong kind is refused with the input's name before the
            // instance exists instead of faulting an activity three steps later. A null is "not supplied".
            if (supplied is not null && WorkflowInputTypes.Check(input.Type, supplied, input.Secret) is { } problem)
            {
                errors.Add(new ValidationError($"inputs.{input.Name}", $"The workflow input '{input.Name}' {problem}."));
                continue;
            }

            values[input.Name] = (supplied ?? input.Default)?.DeepClone();
        }

        // An input the definition does not declare is refused rather than ignored: it is a typo or a caller written
        // for another version, and nothing in the workflow would ever read it.
        foreach (var (name, _) in inputs ?? [])
        {
            if (!definition.Inputs.Any(i => string.Equals(i.Name, name, StringComparison.Ordinal)))
            {
                errors.Add(new ValidationError($"inputs.{name}", definition.Inputs.Count == 0
                    ? $"The workflow '{definition.Id}' takes no inputs; '{name}' is not one."
                    : $"The workflow '{definition.Id}' has no input '{name}'; it takes {string.Join(", ", definition.Inputs.Select(i => i.Name))}."));
            }
        }

        var start = definition.Activities.Where(a => a.Type == "Start").ToList();
        if (start.Count != 1)
        {
            errors.Add(new ValidationError("activities", "A workflow needs exactly one Start activity."));
        }

        if (errors.Count > 0)
        {
            return ValidationResult<WorkflowState>.Failure(errors);
        }

        var now = clock.GetUtcNow();
        var state = new WorkflowState
        {
            InstanceId = instanceId ?? NewId(),
            DefinitionId = definition.Id,
            DefinitionVersion = version,
            CorrelationId = correlationId,
            ParentInstanceId = parentInstanceId,
            ParentBookmarkId = parent?.Id,
            Inputs = values,
            Variables = new JsonObject(definition.Variables.Select(v => KeyValuePair.Create(v.Name, v.Default?.DeepClone()))),
            CreatedAt = now,
            UpdatedAt = now,
        };
        state.Queue.Add(new ScheduledExecution(state.NewExecutionId(), start[0].Id));
        return ValidationResult<WorkflowState>.Success(state);
    }

    /// <summary>Runs whatever the instance has scheduled until every path is blocked or finished, or the step's limit is reached.</summary>
    public Task ContinueAsync(WorkflowDefinition definition, WorkflowState state, CancellationToken cancellationToken, StepLimit? limit = null) =>
        RunAsync(definition, state, limit ?? NewStepLimit(), cancellationToken);

    /// <summary>Resumes one bookmark with a payload. A bookmark that is gone is a no-op: nothing runs twice.</summary>
    public async Task<ResumeResult> ResumeAsync(
        WorkflowDefinition definition, WorkflowState state, string bookmarkId, JsonNode? payload, CancellationToken cancellationToken, StepLimit? limit = null)
    {
        limit ??= NewStepLimit();
        var bookmark = state.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId);
        if (bookmark is null || state.Status is not (WorkflowStatus.Running or WorkflowStatus.Suspended))
        {
            return ResumeResult.NotFound;
        }

        var node = definition.Find(bookmark.ActivityId);
        if (node is null)
        {
            return new ResumeResult(ResumeOutcome.Refused, $"The definition has no activity '{bookmark.ActivityId}'.");
        }

        if (bookmark.Name == RetryBookmark)
        {
            state.Bookmarks.Remove(bookmark);
            state.Queue.Add(new ScheduledExecution(bookmark.ExecutionId, bookmark.ActivityId));
            state.Status = WorkflowStatus.Running;
            await RunAsync(definition, state, limit, cancellationToken);
            return ResumeResult.Resumed;
        }

        var activity = activities.Find(node.Type)!;
        var context = NewContext(definition, node, state, bookmark.ExecutionId, cancellationToken);
        var started = clock.GetUtcNow();
        var watch = Stopwatch.GetTimestamp();
        var result = await InvokeAsync(() => activity.ResumeAsync(context, new BookmarkResume(bookmark, payload)), node);
        if (result is ActivityResult.Refused refused)
        {
            return new ResumeResult(ResumeOutcome.Refused, refused.Message);
        }

        state.Bookmarks.Remove(bookmark);
        state.Status = WorkflowStatus.Running;
        // A resume that waits again (a user task still waiting for other deciders, a fan-out still waiting for
        // other children) keeps its bookmark's id: a task keeps its address, and every child's completion still
        // finds the bookmark it was told to resume.
        Apply(definition, state, node, bookmark.ExecutionId, result, context, started, Stopwatch.GetElapsedTime(watch), resumed: true, waitingAgain: bookmark);
        await RunAsync(definition, state, limit, cancellationToken);
        return ResumeResult.Resumed;
    }

    /// <summary>
    /// Whether resuming the bookmark may act outside the instance by itself: a retry runs its activity again, and a
    /// side-effecting activity may act when resumed. The durable engine leaves those to its worker.
    /// </summary>
    public bool ResumeHasSideEffects(WorkflowDefinition definition, Bookmark bookmark) =>
        bookmark.Name == RetryBookmark
        || definition.Find(bookmark.ActivityId) is not { } node
        || activities.Find(node.Type)?.Descriptor.HasSideEffects != false;

    /// <summary>The bookmarks due at or before <paramref name="now"/>: timers to fire and retries to run.</summary>
    public static IEnumerable<Bookmark> DueBookmarks(WorkflowState state, DateTimeOffset now) =>
        state.Bookmarks.Where(b => b.DueAt is { } due && due <= now).OrderBy(b => b.DueAt);

    /// <summary>
    /// An admin's retry of a faulted instance: the failed activity runs again. It also grants a fresh total budget
    /// (an instance stopped by it runs on only because an admin said so).
    /// </summary>
    public async Task<bool> RetryAsync(WorkflowDefinition definition, WorkflowState state, CancellationToken cancellationToken, StepLimit? limit = null)
    {
        if (state.Status != WorkflowStatus.Faulted || OpenIncident(state) is not { } incident)
        {
            return false;
        }

        ResolveIncidents(state, incident.ExecutionId);
        state.Status = WorkflowStatus.Running;
        state.FaultMessage = null;
        state.Executions = 0;
        state.Queue.Insert(0, new ScheduledExecution(incident.ExecutionId, incident.ActivityId));
        await RunAsync(definition, state, limit ?? NewStepLimit(), cancellationToken);
        return true;
    }

    /// <summary>An admin's skip of the failed activity: it counts as completed with the chosen outcome.</summary>
    public async Task<ValidationResult<WorkflowState>> SkipAsync(
        WorkflowDefinition definition, WorkflowState state, string outcome, CancellationToken cancellationToken, StepLimit? limit = null)
    {
        if (state.Status != WorkflowStatus.Faulted || OpenIncident(state) is not { } incident)
        {
            return ValidationResult<WorkflowState>.Failure("status", "Only a faulted instance has an activity to skip.");
        }

        var node = definition.Find(incident.ActivityId)!;
        var outcomes = activities.Find(node.Type)!.Descriptor.OutcomesFor(node);
        if (!outcomes.Contains(outcome, StringComparer.Ordinal))
        {
            return ValidationResult<WorkflowState>.Failure("outcome", $"'{node.DisplayName}' has no outcome '{outcome}'; choose one of {string.Join(", ", outcomes)}.");
        }

        ResolveIncidents(state, incident.ExecutionId);
        state.Status = WorkflowStatus.Running;
        state.FaultMessage = null;
        state.Executions = 0;
        state.Journal.Add(new JournalEntry(incident.ExecutionId, node.Id, node.Type, clock.GetUtcNow(), TimeSpan.Zero, JournalEvent.Skipped, outcome));
        if (!state.Cancelling)
        {
            Follow(definition, state, node.Id, outcome);
        }

        await RunAsync(definition, state, limit ?? NewStepLimit(), cancellationToken);
        return ValidationResult<WorkflowState>.Success(state);
    }

    /// <summary>
    /// Cancels the instance: every path stops (queued executions, bookmarks, waiting joins are dropped, open incidents
    /// resolved), and every completed activity that declares a compensation has it run once, newest first (so
    /// hardware reserved is released). Compensations are queued and run like any activity — a side-effecting one is
    /// checkpointed and left to the worker by the durable engine — but lead nowhere; the instance is Cancelled once
    /// they are done. A cancel of an instance already cancelling changes nothing, except when a compensation failed
    /// for good (the instance is Faulted): then the rest of the compensation is given up. False when the instance had
    /// ended already.
    /// </summary>
    public async Task<bool> CancelAsync(WorkflowDefinition definition, WorkflowState state, CancellationToken cancellationToken, StepLimit? limit = null)
    {
        if (state.Status is WorkflowStatus.Completed or WorkflowStatus.Cancelled)
        {
            return false;
        }

        if (state.Cancelling && state.Status != WorkflowStatus.Faulted)
        {
            return true;
        }

        var compensations = state.Cancelling
            ? []
            : state.Journal
                .Where(e => e.Event is JournalEvent.Completed or JournalEvent.Skipped)
                .Select(e => definition.Find(e.ActivityId)?.CompensateWith)
                .OfType<string>()
                .Reverse()
                .Distinct(StringComparer.Ordinal)
                .Where(c => definition.Find(c) is not null)
                .ToList();
        state.Queue.Clear();
        state.Bookmarks.Clear();
        state.WaitingJoins.Clear();
        state.Attempts.Clear();
        for (var i = 0; i < state.Incidents.Count; i++)
        {
            state.Incidents[i] = state.Incidents[i] with { Resolved = true };
        }

        foreach (var compensation in compensations)
        {
            state.Queue.Add(new ScheduledExecution(state.NewExecutionId(), compensation));
        }

        state.Cancelling = true;
        state.Status = WorkflowStatus.Running;
        state.FaultMessage = null;
        await RunAsync(definition, state, limit ?? NewStepLimit(), cancellationToken);
        return true;
    }

    private async Task RunAsync(WorkflowDefinition definition, WorkflowState state, StepLimit limit, CancellationToken cancellationToken)
    {
        do
        {
            while (state.Queue.Count > 0 && state.Status == WorkflowStatus.Running)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var next = state.Queue[0];
                if (limit.Reached())
                {
                    // Yield: the rest stays queued and the instance Running; the engine continues it later.
                    state.UpdatedAt = clock.GetUtcNow();
                    return;
                }

                if ((CheckpointBeforeSideEffects || limit.StopBeforeSideEffects) && HasSideEffects(definition, next))
                {
                    var checkpoint = CheckpointBeforeSideEffects && !state.StartedSideEffects.Contains(next.ExecutionId);
                    if (checkpoint || limit.StopBeforeSideEffects)
                    {
                        if (checkpoint)
                        {
                            state.StartedSideEffects.Add(next.ExecutionId);
                        }

                        state.UpdatedAt = clock.GetUtcNow();
                        return;
                    }
                }

                state.Queue.RemoveAt(0);
                if (TotalStepBudget > 0 && state.Executions >= TotalStepBudget)
                {
                    Fault(state, next.ActivityId, next.ExecutionId, BudgetSpent(definition, state));
                    break;
                }

                limit.Spend();
                state.Executions++;
                await ExecuteAsync(definition, state, next, cancellationToken);
            }
        }
        while (state.Status == WorkflowStatus.Running && FireReadyJoins(definition, state));

        if (state.Status == WorkflowStatus.Running)
        {
            state.Status = state.Bookmarks.Count > 0 || state.WaitingJoins.Count > 0 ? WorkflowStatus.Suspended
                : state.Cancelling ? WorkflowStatus.Cancelled
                : WorkflowStatus.Completed;
        }

        state.UpdatedAt = clock.GetUtcNow();
    }

    private bool HasSideEffects(WorkflowDefinition definition, ScheduledExecution next) =>
        definition.Find(next.ActivityId) is { } node && activities.Find(node.Type)?.Descriptor.HasSideEffects == true;

    /// <summary>The incident of an instance that ran out of its total budget, naming the activities that kept repeating.</summary>
    private string BudgetSpent(WorkflowDefinition definition, WorkflowState state)
    {
        // The latest entries show the loop: every activity seen more than once among them is part of it.
        var recent = state.Journal.Skip(Math.Max(0, state.Journal.Count - 1_000)).Select(e => e.ActivityId).ToList();
        var repeating = recent.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var loop = repeating.Count == 0
            ? "no activity repeats among the latest ones"
            : $"the loop {string.Join(" → ", repeating.Select(id => $"'{definition.Find(id)?.DisplayName ?? id}' ({id})"))} keeps repeating";
        return $"The instance stopped after {state.Executions:N0} activity executions, the most one instance may run "
            + $"(Portal:Workflows:TotalStepBudget): {loop}. Fix the loop, or retry to allow another {TotalStepBudget:N0}.";
    }

    private async Task ExecuteAsync(WorkflowDefinition definition, WorkflowState state, ScheduledExecution execution, CancellationToken cancellationToken)
    {
        var node = definition.Find(execution.ActivityId);
        var activity = node is null ? null : activities.Find(node.Type);
        if (node is null || activity is null)
        {
            Fault(state, execution.ActivityId, execution.ExecutionId, $"The definition uses '{node?.Type ?? execution.ActivityId}', which this engine does not know.");
            return;
        }

        var context = NewContext(definition, node, state, execution.ExecutionId, cancellationToken);
        var started = clock.GetUtcNow();
        var watch = Stopwatch.GetTimestamp();
        // A span only while someone listens (null otherwise): the request's trace, or the worker's, gets one per activity.
        // The name is built only when someone listens: this runs for every activity execution.
        using var span = WorkflowTelemetry.Source.HasListeners() ? WorkflowTelemetry.Source.StartActivity($"{node.Type} {node.Id}") : null;
        span?.SetTag("workflow.definition", definition.Id);
        span?.SetTag("workflow.instance", state.InstanceId);
        span?.SetTag("activity.type", node.Type);
        ActivityResult result;
        try
        {
            // Most activities finish synchronously: no state machine, no closure for them.
            var running = activity.ExecuteAsync(context);
            result = running.IsCompletedSuccessfully ? running.Result : await running;
        }
        catch (Exception e) when (e is not OperationCanceledException && IsTransientFailure?.Invoke(e) != true)
        {
            result = Failed(e, node);
        }

        var took = Stopwatch.GetElapsedTime(watch);
        Telemetry?.Executed(node.Type, took);
        if (span is not null && result is ActivityResult.Faulted faulted)
        {
            span.SetStatus(System.Diagnostics.ActivityStatusCode.Error, faulted.Message);
        }

        Apply(definition, state, node, execution.ExecutionId, result, context, started, took, resumed: false);
    }

    private async Task<ActivityResult> InvokeAsync(Func<ValueTask<ActivityResult>> run, ActivityNode node)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is not OperationCanceledException && IsTransientFailure?.Invoke(e) != true)
        {
            return Failed(e, node);
        }
    }

    /// <summary>A thrown exception as the activity's fault: an input it could not use, or a failure (logged).</summary>
    private ActivityResult Failed(Exception exception, ActivityNode node)
    {
        if (exception is ActivityInputException)
        {
            return ActivityResult.Fail(exception.Message);
        }

        LogActivityFailed(exception, node.Id, node.Type);
        return ActivityResult.Fail($"Activity '{node.DisplayName}' ({node.Id}) failed: {exception.Message}");
    }

    private void Apply(
        WorkflowDefinition definition, WorkflowState state, ActivityNode node, string executionId, ActivityResult result,
        ActivityContext context, DateTimeOffset started, TimeSpan duration, bool resumed, Bookmark? waitingAgain = null)
    {
        state.Journal.Add(Entry(node, executionId, started, duration, result, context, resumed));
        switch (result)
        {
            case ActivityResult.Completed completed:
                state.Outputs[node.Id] = completed.Output?.DeepClone();
                // An attempt that succeeds after failed ones settles their incidents.
                ResolveIncidents(state, executionId);
                if (!state.Cancelling)
                {
                    // A compensation leads nowhere: the instance is being cancelled.
                    Follow(definition, state, node.Id, completed.Outcome);
                }

                break;
            case ActivityResult.Waiting waiting:
                if (state.Attempts.ContainsKey(executionId))
                {
                    MarkResolved(state, executionId);
                }

                state.Bookmarks.Add(new Bookmark(
                    waitingAgain?.Id ?? NewId(), waiting.Bookmark.Name, node.Id, executionId, waitingAgain?.CreatedAt ?? clock.GetUtcNow(),
                    waiting.Bookmark.DueAt, waiting.Bookmark.Data));
                break;
            case ActivityResult.Faulted faulted:
                var attempt = state.Attempts[executionId] = state.Attempts.GetValueOrDefault(executionId) + 1;
                state.Incidents.Add(new Incident(node.Id, executionId, attempt, faulted.Message, clock.GetUtcNow()));
                if (node.Retry is { } retry && attempt < retry.MaxAttempts)
                {
                    var due = clock.GetUtcNow() + retry.DelayBefore(attempt + 1);
                    state.Bookmarks.Add(new Bookmark(NewId(), RetryBookmark, node.Id, executionId, clock.GetUtcNow(), due));
                }
                else
                {
                    state.Status = WorkflowStatus.Faulted;
                    state.FaultMessage = faulted.Message;
                }

                break;
        }
    }

    /// <summary>Sends a path along every connection of the outcome; a join records the arrival instead of running.</summary>
    private void Follow(WorkflowDefinition definition, WorkflowState state, string activityId, string outcome)
    {
        for (var i = 0; i < definition.Connections.Count; i++)
        {
            var connection = definition.Connections[i];
            if (connection.From != activityId || connection.Outcome != outcome)
            {
                continue;
            }

            var target = definition.Find(connection.To);
            if (target?.Type != JoinActivity.TypeName)
            {
                state.Queue.Add(new ScheduledExecution(state.NewExecutionId(), connection.To));
                continue;
            }

            if (IsAnyJoin(target))
            {
                CancelPathsInto(definition, state, target.Id);
                state.Queue.Add(new ScheduledExecution(state.NewExecutionId(), target.Id));
                continue;
            }

            if (!state.WaitingJoins.TryGetValue(target.Id, out var arrivals))
            {
                state.WaitingJoins[target.Id] = arrivals = [];
            }

            arrivals.Add($"{connection.From}:{connection.Outcome}");
        }
    }

    /// <summary>
    /// Fires every all-join that some path reached and that no other live path (queued, waiting on a
    /// bookmark, or held at another join) can still reach. Skipped branches are simply not live, which is
    /// dead-path elimination without dead tokens; a loop back into a join is just another live path.
    /// </summary>
    private bool FireReadyJoins(WorkflowDefinition definition, WorkflowState state)
    {
        if (state.WaitingJoins.Count == 0)
        {
            return false;
        }

        var reach = Reachability.Of(definition);
        var fired = false;
        foreach (var join in definition.Activities.Where(a => state.WaitingJoins.ContainsKey(a.Id)).ToList())
        {
            var live = state.Queue.Select(q => q.ActivityId)
                .Concat(state.Bookmarks.Select(b => b.ActivityId))
                .Concat(state.WaitingJoins.Keys.Where(k => k != join.Id));
            if (live.Any(position => position == join.Id || reach.CanReach(position, join.Id)))
            {
                continue;
            }

            state.WaitingJoins.Remove(join.Id);
            state.Queue.Add(new ScheduledExecution(state.NewExecutionId(), join.Id));
            fired = true;
        }

        return fired;
    }

    /// <summary>An any-join continues on the first arrival and cancels every other live path that could still reach it.</summary>
    private void CancelPathsInto(WorkflowDefinition definition, WorkflowState state, string joinId)
    {
        var reach = Reachability.Of(definition);
        var now = clock.GetUtcNow();
        foreach (var queued in state.Queue.Where(q => reach.CanReach(q.ActivityId, joinId)).ToList())
        {
            state.Queue.Remove(queued);
            state.Journal.Add(new JournalEntry(queued.ExecutionId, queued.ActivityId, definition.Find(queued.ActivityId)?.Type ?? "", now, TimeSpan.Zero, JournalEvent.Cancelled, Error: $"Cancelled: join '{joinId}' continued on another branch."));
        }

        foreach (var bookmark in state.Bookmarks.Where(b => reach.CanReach(b.ActivityId, joinId)).ToList())
        {
            state.Bookmarks.Remove(bookmark);
            state.Journal.Add(new JournalEntry(bookmark.ExecutionId, bookmark.ActivityId, definition.Find(bookmark.ActivityId)?.Type ?? "", now, TimeSpan.Zero, JournalEvent.Cancelled, Error: $"Cancelled: join '{joinId}' continued on another branch."));
        }

        foreach (var waiting in state.WaitingJoins.Keys.Where(k => reach.CanReach(k, joinId)).ToList())
        {
            state.WaitingJoins.Remove(waiting);
        }
    }

    private static bool IsAnyJoin(ActivityNode join) =>
        join.Inputs.TryGetValue("mode", out var mode) && mode.Value is JsonValue value && value.TryGetValue<string>(out var text)
        && string.Equals(text, "any", StringComparison.OrdinalIgnoreCase);

    private void Fault(WorkflowState state, string activityId, string executionId, string message)
    {
        state.Incidents.Add(new Incident(activityId, executionId, 1, message, clock.GetUtcNow()));
        state.Status = WorkflowStatus.Faulted;
        state.FaultMessage = message;
    }

    /// <summary>
    /// A new instance or bookmark id: time-ordered (UUID version 7), so new rows go to the end of the database's
    /// indexes instead of all over them.
    /// </summary>
    private string NewId() => Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");

    private static Incident? OpenIncident(WorkflowState state) => state.Incidents.LastOrDefault(i => !i.Resolved);

    private static void ResolveIncidents(WorkflowState state, string executionId)
    {
        MarkResolved(state, executionId);
        state.Attempts.Remove(executionId);
    }

    private static void MarkResolved(WorkflowState state, string executionId)
    {
        for (var i = 0; i < state.Incidents.Count; i++)
        {
            if (state.Incidents[i].ExecutionId == executionId && !state.Incidents[i].Resolved)
            {
                state.Incidents[i] = state.Incidents[i] with { Resolved = true };
            }
        }
    }

    private ActivityContext NewContext(WorkflowDefinition definition, ActivityNode node, WorkflowState state, string executionId, CancellationToken cancellationToken) =>
        new(definition, node, state, executionId, expressions, clock, logger, cancellationToken);

    private static JournalEntry Entry(
        ActivityNode node, string executionId, DateTimeOffset started, TimeSpan duration, ActivityResult result, ActivityContext context, bool resumed = false)
    {
        var inputs = JournalInputs.Masked(context);
        return result switch
        {
            ActivityResult.Completed c => new JournalEntry(executionId, node.Id, node.Type, started, duration, resumed ? JournalEvent.Resumed : JournalEvent.Completed, c.Outcome, inputs),
            ActivityResult.Waiting => new JournalEntry(executionId, node.Id, node.Type, started, duration, JournalEvent.Suspended, null, inputs),
            ActivityResult.Faulted f => new JournalEntry(executionId, node.Id, node.Type, started, duration, JournalEvent.Faulted, null, inputs, f.Message),
            _ => new JournalEntry(executionId, node.Id, node.Type, started, duration, JournalEvent.Faulted, null, inputs, "Unexpected result."),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {ActivityId} ({ActivityType}) threw")]
    private partial void LogActivityFailed(Exception exception, string activityId, string activityType);
}
