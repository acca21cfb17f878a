using Portal.Domain.Deployments;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Requests;

namespace Portal.Web.Requests;

/// <summary>
/// A request as its requester, its approvers and admins read it: what was asked and why, where it stands, who
/// decided what, what it waits for, each server's progress, and the timeline. Parameters are the non-secret ones.
/// </summary>
public sealed record RequestView(
    Guid Id, RequestStatus Status, Guid ImageId, string ImageName, string RequestedBy, Placement Placement, Guid? PlatformId,
    IReadOnlyDictionary<ResourceType, decimal> Hardware, IReadOnlyDictionary<string, string?> Parameters, int Quantity,
    IReadOnlyList<string> Hostnames, string Justification, int? LeaseDays, RequestDemand Demand, IReadOnlyList<string> Plan,
    string? Message, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? WorkflowInstanceId, bool Cancellable,
    IReadOnlyList<RequestServerView> Servers, IReadOnlyList<DecisionView> Decisions, IReadOnlyList<WaitingView> WaitingFor,
    IReadOnlyList<TimelineEntry> Timeline);

/// <summary>One server of a request: its deployment's progress and, once made, the server itself.</summary>
public sealed record RequestServerView(
    Guid DeploymentId, string Hostname, DeploymentStatus DeploymentStatus, string? Error, int StepsDone, int StepsTotal, string? CurrentStep,
    Guid? ServerId, ServerStatus? ServerStatus, string? IpAddress, Guid? PlatformId, string? PlatformName, PlatformKind? Kind, string? Hardware,
    bool Simulated);

/// <summary>A person's decision on one of the request's approvals.</summary>
public sealed record DecisionView(string Task, string User, string Outcome, string? Comment, DateTimeOffset At);

/// <summary>What the request waits for: a decision by whom, since when, until when.</summary>
public sealed record WaitingView(string TaskId, string Task, IReadOnlyList<string> Roles, IReadOnlyList<string> Users, DateTimeOffset Since, DateTimeOffset? DueAt);

/// <summary>One line of a request's timeline, in words.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Text, TimelineKind Kind, string? Server = null);

/// <summary>How a timeline line is shown: a step done, something waiting, a failure, a decision.</summary>
public enum TimelineKind
{
    Info,
    Done,
    Waiting,
    Failed,
    Approved,
    Rejected,
}
