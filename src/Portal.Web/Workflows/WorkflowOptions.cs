using System.ComponentModel.DataAnnotations;
using Portal.Workflows.Hosting;

namespace Portal.Web.Workflows;

/// <summary>Settings under <c>Portal:Workflows</c>.</summary>
public sealed class WorkflowOptions : IValidatableObject
{
    public const string Section = "Portal:Workflows";

    /// <summary>
    /// The folder of shipped definitions (*.json) seeded as version 1 on start. Empty: the "workflows"
    /// folder copied next to the portal's binaries.
    /// </summary>
    public string? DefinitionsFolder { get; set; }

    /// <summary>How often an idle node looks for due work (timers, work of a node that died).</summary>
    [Range(10, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 500;

    /// <summary>How many instances a node runs at once; it claims no more work than it has free.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 8;

    /// <summary>How long claimed work stays this node's without a heartbeat (a dead node's work waits this long).</summary>
    [Range(2, 3600)]
    public int ClaimSeconds { get; set; } = 15;

    /// <summary>How long a lease on an instance lasts without a heartbeat (a dead node's instances wait this long).</summary>
    [Range(2, 3600)]
    public int LeaseSeconds { get; set; } = 15;

    /// <summary>How often a running step renews its lease and claims and looks for a cancel; less than half the shorter of the two.</summary>
    [Range(1, 1800)]
    public int HeartbeatSeconds { get; set; } = 5;

    /// <summary>Activity executions one step may run before the instance yields back to the queue (a loop cannot hold a node or a request).</summary>
    [Range(1, 1_000_000)]
    public int StepBudget { get; set; } = 500;

    /// <summary>Activity executions one instance may run in all; past it the instance faults with an incident naming its loop.</summary>
    [Range(1, 100_000_000)]
    public long TotalStepBudget { get; set; } = 10_000;

    /// <summary>Run the worker on this node. Off for a node that should only serve pages.</summary>
    public bool RunWorker { get; set; } = true;

    public string ResolveDefinitionsFolder() =>
        string.IsNullOrWhiteSpace(DefinitionsFolder) ? Path.Combine(AppContext.BaseDirectory, "workflows") : Path.GetFullPath(DefinitionsFolder);

    /// <summary>The engine's settings for this node.</summary>
    public WorkflowEngineOptions ToEngineOptions() => new()
    {
        ClaimDuration = TimeSpan.FromSeconds(ClaimSeconds),
        LeaseDuration = TimeSpan.FromSeconds(LeaseSeconds),
        HeartbeatInterval = TimeSpan.FromSeconds(HeartbeatSeconds),
        Concurrency = Concurrency,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HeartbeatSeconds * 2 > Math.Min(ClaimSeconds, LeaseSeconds))
        {
            yield return new ValidationResult(
                $"{Section}:HeartbeatSeconds ({HeartbeatSeconds}) must be at most half of ClaimSeconds ({ClaimSeconds}) and LeaseSeconds ({LeaseSeconds}), "
                + "so that a missed heartbeat does not lose a running step's lease.",
                [nameof(HeartbeatSeconds)]);
        }
    }
}
