using Portal.Domain.Deployments;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Workflows.Runtime;

namespace Portal.Web.Provisioning;

/// <summary>
/// A deployment as its requester and admins see it. Its status joins the deployment's own record with its
/// workflow: a workflow stuck on an incident makes the deployment Failed (and retryable) even though no step
/// said so, because the step that failed could not. Parameters are the non-secret ones: secret values are
/// stored apart, encrypted, and never come back.
/// </summary>
public sealed record DeploymentView(
    Guid Id, Guid ImageId, DeploymentStatus Status, bool Retryable, Placement Placement, Guid? PlatformId, Guid? TargetPlatformId,
    string? InstanceId, string RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Error,
    IReadOnlyDictionary<ResourceType, decimal> Hardware, IReadOnlyDictionary<string, string?> Parameters,
    IReadOnlyList<DeploymentStepView> Steps, DeployedServerView? Server)
{
    public static DeploymentView Of(Deployment d, WorkflowState? instance, DeployedServer? server) =>
        Of(d, instance?.Status, instance?.FaultMessage, server);

    /// <summary>The view from what a list reads in one query: the workflow's status and fault message rather than its whole state.</summary>
    public static DeploymentView Of(Deployment d, WorkflowStatus? instanceStatus, string? faultMessage, DeployedServer? server)
    {
        var (status, error) = (d.Status, instanceStatus) switch
        {
            (DeploymentStatus.Pending or DeploymentStatus.Running, WorkflowStatus.Faulted) => (DeploymentStatus.Failed, faultMessage ?? d.Error),
            (not DeploymentStatus.Completed, WorkflowStatus.Cancelled) => (DeploymentStatus.Cancelled, d.Error),
            _ => (d.Status, d.Error),
        };
        return new DeploymentView(
            d.Id, d.ImageId, status, status == DeploymentStatus.Failed, d.Placement, d.PlatformId, d.TargetPlatformId, d.WorkflowInstanceId,
            d.RequestedBy, d.CreatedAt, d.UpdatedAt, error, d.Hardware, d.Parameters,
            d.Steps.Select((s, i) => new DeploymentStepView(i + 1, s.Kind, s.Description, s.State, s.StartedAt, s.FinishedAt, s.Detail)).ToList(),
            server is null ? null : DeployedServerView.Of(server));
    }
}

public sealed record DeploymentStepView(
    int Order, DeploymentStepKind Kind, string Description, StepState State, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Detail);

public sealed record DeployedServerView(
    Guid Id, string Name, string Owner, Guid ImageId, Guid DeploymentId, PlatformKind Kind, Guid PlatformId, PlatformTechnology Technology,
    string MachineName, Guid? HostId, Guid? PhysicalServerId, ServerStatus Status, string OsLabel, string Hardware,
    IReadOnlyList<ConcreteResource> Resources, CpuArchitecture Architecture, FirmwareType Firmware, DiskFormat? DiskFormat, DateTimeOffset CreatedAt,
    string? IpAddress, Guid? RequestId)
{
    public static DeployedServerView Of(DeployedServer s) => new(
        s.Id, s.Name, s.Owner, s.ImageId, s.DeploymentId, s.Kind, s.PlatformId, s.Technology, s.MachineName, s.HostId, s.PhysicalServerId,
        s.Status, s.OsLabel, s.Hardware.Summary(), s.Hardware.Resources, s.Hardware.Architecture, s.Hardware.Firmware, s.DiskFormat, s.CreatedAt,
        s.IpAddress, s.RequestId);
}
