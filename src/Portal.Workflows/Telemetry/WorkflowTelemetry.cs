using System.Diagnostics;
using System.Diagnostics.Metrics;
using Portal.Workflows.Runtime;

namespace Portal.Workflows.Telemetry;

/// <summary>
/// The engine's metrics (meter <see cref="Name"/>) and traces (activity source <see cref="Name"/>), in the BCL's own
/// types so the engine depends on no exporter: the host decides where they go (OpenTelemetry in the portal). Counts
/// are taken when a write has committed, so a step that ran but was lost to a crash is not counted.
/// </summary>
public sealed class WorkflowTelemetry
{
    public const string Name = "Portal.Workflows";

    /// <summary>Spans per activity execution. Static: an <see cref="ActivitySource"/> with no listener costs a null check.</summary>
    public static ActivitySource Source { get; } = new(Name);

    private static readonly Lazy<WorkflowTelemetry> unobserved = new(() => new WorkflowTelemetry());

    private readonly Counter<long> started;
    private readonly Counter<long> completed;
    private readonly Counter<long> faulted;
    private readonly Counter<long> takeovers;
    private readonly Counter<long> incidents;
    private readonly Histogram<double> stepDuration;
    private WorkQueueSnapshot queue = WorkQueueSnapshot.Unknown;

    /// <param name="meters">The host's factory (one meter per host, so tests in one process do not mix); none makes a meter of its own.</param>
    public WorkflowTelemetry(IMeterFactory? meters = null)
    {
        var meter = meters?.Create(Name) ?? new Meter(Name);
        started = meter.CreateCounter<long>("portal.workflow.instances.started", "{instance}", "Workflow instances created (committed).");
        completed = meter.CreateCounter<long>("portal.workflow.instances.completed", "{instance}", "Workflow instances that completed (committed).");
        faulted = meter.CreateCounter<long>("portal.workflow.instances.faulted", "{instance}", "Workflow instances that faulted (committed).");
        takeovers = meter.CreateCounter<long>("portal.workflow.lease.takeovers", "{lease}", "Steps cut short because another node took their instance's lease over.");
        incidents = meter.CreateCounter<long>("portal.workflow.incidents", "{incident}", "Incidents raised (committed).");
        stepDuration = meter.CreateHistogram<double>(
            "portal.workflow.step.duration", "s", "Time one activity execution took, by activity type.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
        meter.CreateObservableGauge("portal.workflow.work.queue.depth", () => queue.Depth, "{item}", "Work items due now and not claimed (as of the last probe).");
        meter.CreateObservableGauge("portal.workflow.work.oldest_due_age", () => queue.OldestDueAge.TotalSeconds, "s", "How long the oldest due, unclaimed work item has waited (as of the last probe).");
    }

    /// <summary>One shared instance for engines built without a host (tools, tests): never a meter per engine.</summary>
    public static WorkflowTelemetry Unobserved => unobserved.Value;

    /// <summary>The due-work figures the gauges report; the host probes the database now and then and sets them.</summary>
    public WorkQueueSnapshot Queue
    {
        get => queue;
        set => queue = value;
    }

    internal void Started(int count)
    {
        if (count > 0)
        {
            started.Add(count);
        }
    }

    /// <summary>A committed state: counts the status it reached (when it changed) and the incidents it added.</summary>
    internal void Reached(WorkflowState state, WorkflowStatus statusBefore, int incidentsBefore)
    {
        if (state.Status != statusBefore)
        {
            var counter = state.Status switch
            {
                WorkflowStatus.Completed => completed,
                WorkflowStatus.Faulted => faulted,
                _ => null,
            };
            counter?.Add(1, new KeyValuePair<string, object?>("workflow.definition", state.DefinitionId));
        }

        if (state.Incidents.Count > incidentsBefore)
        {
            incidents.Add(state.Incidents.Count - incidentsBefore, new KeyValuePair<string, object?>("workflow.definition", state.DefinitionId));
        }
    }

    internal void LeaseTakenOver() => takeovers.Add(1);

    internal void Executed(string activityType, TimeSpan took) =>
        stepDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("activity.type", activityType));
}
