using Portal.Domain.Inventory;
using Portal.Domain.Library;

namespace Portal.Domain.Requests;

/// <summary>
/// A person's request for one or more servers from one image: what was asked (sizes, placement, parameter values,
/// names, why), what it takes, how far it got, and the deployments it became — one per server. Secret parameter
/// values are not part of this record: each deployment keeps them apart, protected.
/// </summary>
public sealed record ServerRequest
{
    public const int MaxQuantity = 10;

    public required Guid Id { get; init; }

    public required Guid ImageId { get; init; }

    /// <summary>The image's name and version when requested, so the request reads the same after the image changes.</summary>
    public required string ImageName { get; init; }

    public required string RequestedBy { get; init; }

    public Placement Placement { get; init; } = Placement.Any;

    public Guid? PlatformId { get; init; }

    public IReadOnlyDictionary<ResourceType, decimal> Hardware { get; init; } = new Dictionary<ResourceType, decimal>();

    /// <summary>Non-secret parameter values shared by every server (host names are per server: <see cref="Hostnames"/>).</summary>
    public IReadOnlyDictionary<string, string?> Parameters { get; init; } = new Dictionary<string, string?>();

    public int Quantity { get; init; } = 1;

    /// <summary>One name per server, in order.</summary>
    public IReadOnlyList<string> Hostnames { get; init; } = [];

    public required string Justification { get; init; }

    public int? LeaseDays { get; init; }

    public required RequestDemand Demand { get; init; }

    /// <summary>The plan for the first server in words, as the requester reviewed it.</summary>
    public IReadOnlyList<string> Plan { get; init; } = [];

    public RequestStatus Status { get; init; } = RequestStatus.PendingApproval;

    public string? WorkflowInstanceId { get; init; }

    public IReadOnlyList<Guid> DeploymentIds { get; init; } = [];

    /// <summary>Why it ended as it did (a rejection's comment, a failure's reason).</summary>
    public string? Message { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public bool IsFinal => Status is RequestStatus.Completed or RequestStatus.Rejected or RequestStatus.Cancelled;

    /// <summary>A requester may withdraw a request until its servers start being deployed.</summary>
    public bool IsCancellable => Status is RequestStatus.PendingApproval or RequestStatus.Approved;

    /// <summary>
    /// Moves the request on. Statuses only move forward; a final one never changes, except that a failed request
    /// completes when an admin's retry brings every server up. A move the rules do not allow leaves it as it is.
    /// </summary>
    public ServerRequest MoveTo(RequestStatus next, string? message, DateTimeOffset now) =>
        CanMoveTo(next) ? this with { Status = next, Message = message ?? (next == Status ? Message : null), UpdatedAt = now } : this;

    public bool CanMoveTo(RequestStatus next) => (Status, next) switch
    {
        _ when next == Status => true,
        (RequestStatus.PendingApproval, _) => true,
        (RequestStatus.Approved, not RequestStatus.PendingApproval) => true,
        (RequestStatus.Provisioning, RequestStatus.Completed or RequestStatus.Failed or RequestStatus.Cancelled) => true,
        (RequestStatus.Failed, RequestStatus.Completed or RequestStatus.Provisioning) => true,
        _ => false,
    };
}
