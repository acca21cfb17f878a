using System.Text.Json.Nodes;

namespace Portal.Workflows.Runtime;

/// <summary>
/// Everything an instance is, as plain data: the runner is f(definition, state, event) → new state, and
/// storing this object is all persistence needs. Nothing else about an instance lives in memory.
/// </summary>
public sealed class WorkflowState
{
    public required string InstanceId { get; init; }

    public required string DefinitionId { get; init; }

    public required int DefinitionVersion { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>For a child started by RunWorkflow: the parent instance and the bookmark it waits on.</summary>
    public string? ParentInstanceId { get; init; }

    public string? ParentBookmarkId { get; init; }

    public WorkflowStatus Status { get; set; } = WorkflowStatus.Running;

    public JsonObject Inputs { get; init; } = [];

    public JsonObject Variables { get; init; } = [];

    /// <summary>The last output of each activity, by activity id; expressions read it as <c>outputs.ID</c>.</summary>
    public JsonObject Outputs { get; init; } = [];

    public List<ScheduledExecution> Queue { get; init; } = [];

    public List<Bookmark> Bookmarks { get; init; } = [];

    /// <summary>Joins that some path reached and that wait for the others: join id → ids of the connections that arrived.</summary>
    public Dictionary<string, List<string>> WaitingJoins { get; init; } = [];

    /// <summary>
    /// Executions of side-effecting activities whose start was committed before they acted: on a rerun after a
    /// crash they run at once, with the same idempotency key, instead of checkpointing again.
    /// </summary>
    public List<string> StartedSideEffects { get; init; } = [];

    /// <summary>Failed attempts per activity execution, for retry policies.</summary>
    public Dictionary<string, int> Attempts { get; init; } = [];

    public List<JournalEntry> Journal { get; init; } = [];

    public List<Incident> Incidents { get; init; } = [];

    public string? FaultMessage { get; set; }

    /// <summary>
    /// A cancel is under way: every path was stopped and what remains queued are the compensations, which run
    /// like any activity (side effects on the worker) but lead nowhere. The instance ends Cancelled when they are done.
    /// </summary>
    public bool Cancelling { get; set; }

    /// <summary>Activity executions so far, counted against the runner's total budget (a loop that never ends faults).</summary>
    public long Executions { get; set; }

    public long NextExecution { get; set; } = 1;

    /// <summary>
    /// The W3C trace context (traceparent) of the request that started the instance, when it was traced: the steps a
    /// worker runs later join that trace, so it reads request → workflow step → driver call. Absent when nothing traced.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string NewExecutionId() => $"x{NextExecution++}";
}
