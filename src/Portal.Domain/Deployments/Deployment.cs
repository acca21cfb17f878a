using Portal.Domain.Inventory;
using Portal.Domain.Library;

namespace Portal.Domain.Deployments;

/// <summary>
/// One request to turn an image into a server: what was asked (sizes, parameter values, placement), what it
/// reserved and produced, and how far its steps got. Secret parameter values are not part of this record:
/// they are kept apart, protected, and handed only to the step that writes the configuration.
/// </summary>
public sealed record Deployment
{
    public required Guid Id { get; init; }

    public required Guid ImageId { get; init; }

    public required string RequestedBy { get; init; }

    /// <summary>The request this deployment serves (one deployment per server asked for); none for an admin's direct deployment.</summary>
    public Guid? RequestId { get; init; }

    /// <summary>The server's host name, claimed for it while it lives, so no two servers share one.</summary>
    public string? Hostname { get; init; }

    /// <summary>Secret parameters the portal generated because the requester left them empty; the owner sees them once.</summary>
    public IReadOnlyList<string> GeneratedSecrets { get; init; } = [];

    public required Placement Placement { get; init; }

    /// <summary>A platform the requester or admin pinned; otherwise allocation chooses among every platform that fits.</summary>
    public Guid? PlatformId { get; init; }

    public IReadOnlyDictionary<ResourceType, decimal> Hardware { get; init; } = new Dictionary<ResourceType, decimal>();

    /// <summary>Non-secret parameter values; secret ones are stored apart (see the type's summary).</summary>
    public IReadOnlyDictionary<string, string?> Parameters { get; init; } = new Dictionary<string, string?>();

    public bool AllowUnpublished { get; init; }

    public DeploymentStatus Status { get; init; } = DeploymentStatus.Pending;

    public string? WorkflowInstanceId { get; init; }

    public Guid? ReservationId { get; init; }

    /// <summary>Where it landed: the platform allocation chose (set once hardware is reserved).</summary>
    public Guid? TargetPlatformId { get; init; }

    public Guid? ServerId { get; init; }

    public IReadOnlyList<DeploymentStepProgress> Steps { get; init; } = [];

    public string? Error { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public Deployment WithStep(DeploymentStepKind kind, StepState state, DateTimeOffset now, string? detail = null) => this with
    {
        UpdatedAt = now,
        Steps = Steps.Select(s => s.Kind != kind ? s : s with
        {
            State = state,
            StartedAt = s.StartedAt ?? now,
            FinishedAt = state is StepState.Completed or StepState.Failed or StepState.Skipped ? now : null,
            Detail = detail ?? (state == StepState.Running ? null : s.Detail),
        }).ToList(),
    };
}
