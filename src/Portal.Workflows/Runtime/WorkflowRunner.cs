using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Portal.Domain.Validation;
using Portal.Workflows.Activities;
using Portal.Workflows.Activities.BuiltIn;
using Portal.Workflows.Definitions;
using Portal.Workflows.Expressions;

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

            values[input.Name] = (supplied ?? input.Default)?.DeepClone();
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

    /// <summary>Runs whatever the instance has scheduled until every path is blocked or finished.</summary>
    public Task ContinueAsync(WorkflowDefinition definition, WorkflowState state, CancellationToken cancellationToken) =>
        RunAsync(definition, state, cancellationToken);

    /// <summary>Resumes one bookmark with a payload. A bookmark that is gone is a no-op: nothing runs twice.</summary>
    public async Task<ResumeResult> ResumeAsync(
        WorkflowDefinition definition, WorkflowState state, string bookmarkId, JsonNode? payload, CancellationToken cancellationToken)
    {
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
            await RunAsync(definition, state, cancellationToken);
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
        await RunAsync(definition, state, cancellationToken);
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

    /// <summary>An admin's retry of a faulted instance: the failed activity runs again.</summary>
    public async Task<bool> RetryAsync(WorkflowDefinition definition, WorkflowState state, CancellationToken cancellationToken)
    {
        if (state.Status != WorkflowStatus.Faulted || OpenIncident(state) is not { } incident)
        {
            return false;
        }

        ResolveIncidents(state, incident.ExecutionId);
        state.Status = WorkflowStatus.Running;
        state.FaultMessage = null;
        state.Queue.Insert(0, new ScheduledExecution(incident.ExecutionId, incident.ActivityId));
        await RunAsync(definition, state, cancellationToken);
        return true;
    }

    /// <summary>An admin's skip of the failed activity: it counts as completed with the chosen outcome.</summary>
    public async Task<ValidationResult<WorkflowState>> SkipAsync(WorkflowDefinition definition, WorkflowState state, string outcome, CancellationToken cancellationToken)
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
        state.Journal.Add(new JournalEntry(incident.ExecutionId, node.Id, node.Type, clock.GetUtcNow(), TimeSpan.Zero, JournalEvent.Skipped, outcome));
        Follow(definition, state, node.Id, outcome);
        await RunAsync(definition, state, cancellationToken);
        return ValidationResult<WorkflowState>.Success(state);
    }

    /// <summary>
    /// Cancels the instance: nothing more runs, and every completed activity that declares a compensation
    /// has it run once, newest first (so hardware reserved is released).
    /// </summary>
    public async Task<bool> CancelAsync(WorkflowDefinition definition, WorkflowState state, CancellationToken cancellationToken)
    {
        if (state.Status is WorkflowStatus.Completed or WorkflowStatus.Cancelled)
        {
            return false;
        }

        state.Queue.Clear();
        state.Bookmarks.Clear();
        state.WaitingJoins.Clear();
        var compensations = state.Journal
            .Where(e => e.Event is JournalEvent.Completed or JournalEvent.Skipped)
            .Select(e => definition.Find(e.ActivityId)?.CompensateWith)
            .Where(c => c is not null)
            .Reverse()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var compensation in compensations)
        {
            if (definition.Find(compensation!) is { } node && activities.Find(node.Type) is { } activity)
            {
                var executionId = state.NewExecutionId();
                var context = NewContext(definition, node, state, executionId, cancellationToken);
                var started = clock.GetUtcNow();
                var watch = Stopwatch.GetTimestamp();
                var result = await InvokeAsync(() => activity.ExecuteAsync(context), node);
                state.Journal.Add(Entry(node, executionId, started, Stopwatch.GetElapsedTime(watch), result, context));
            }
        }

        state.Status = WorkflowStatus.Cancelled;
        state.UpdatedAt = clock.GetUtcNow();
        return true;
    }

    private async Task RunAsync(WorkflowDefinition definition, WorkflowState state, CancellationToken cancellationToken)
    {
        do
        {
            while (state.Queue.Count > 0 && state.Status == WorkflowStatus.Running)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var next = state.Queue[0];
                if (NeedsCheckpoint(definition, state, next))
                {
                    state.StartedSideEffects.Add(next.ExecutionId);
                    state.UpdatedAt = clock.GetUtcNow();
                    return;
                }

                state.Queue.RemoveAt(0);
                await ExecuteAsync(definition, state, next, cancellationToken);
            }
        }
        while (state.Status == WorkflowStatus.Running && FireReadyJoins(definition, state));

        if (state.Status == WorkflowStatus.Running)
        {
            state.Status = state.Bookmarks.Count > 0 || state.WaitingJoins.Count > 0 ? WorkflowStatus.Suspended : WorkflowStatus.Completed;
        }

        state.UpdatedAt = clock.GetUtcNow();
    }

    private bool NeedsCheckpoint(WorkflowDefinition definition, WorkflowState state, ScheduledExecution next) =>
        CheckpointBeforeSideEffects
        && definition.Find(next.ActivityId) is { } node
        && activities.Find(node.Type)?.Descriptor.HasSideEffects == true
        && !state.StartedSideEffects.Contains(next.ExecutionId);

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
        ActivityResult result;
        try
        {
            // Most activities finish synchronously: no state machine, no closure for them.
            var running = activity.ExecuteAsync(context);
            result = running.IsCompletedSuccessfully ? running.Result : await running;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result = Failed(e, node);
        }

        Apply(definition, state, node, execution.ExecutionId, result, context, started, Stopwatch.GetElapsedTime(watch), resumed: false);
    }

    private async Task<ActivityResult> InvokeAsync(Func<ValueTask<ActivityResult>> run, ActivityNode node)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is not OperationCanceledException)
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
                state.Attempts.Remove(executionId);
                Follow(definition, state, node.Id, completed.Outcome);
                break;
            case ActivityResult.Waiting waiting:
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
        for (var i = 0; i < state.Incidents.Count; i++)
        {
            if (state.Incidents[i].ExecutionId == executionId)
            {
                state.Incidents[i] = state.Incidents[i] with { Resolved = true };
            }
        }

        state.Attempts.Remove(executionId);
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
