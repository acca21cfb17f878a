using Portal.Domain.Deployments;

namespace Portal.Data.Deployments;

/// <summary>A deployment as stored: what lists filter on as columns, the rest as JSON; secret values encrypted apart.</summary>
public sealed class DeploymentRecord
{
    public Guid Id { get; set; }

    public Guid ImageId { get; set; }

    public string RequestedBy { get; set; } = "";

    public Guid? RequestId { get; set; }

    public DeploymentStatus Status { get; set; }

    public string? WorkflowInstanceId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string Document { get; set; } = "";

    /// <summary>Secret parameter values as one JSON object, encrypted with the portal's data-protection keys.</summary>
    public string? ProtectedSecrets { get; set; }

    /// <summary>When the secrets the portal generated were shown to the owner: once, and never again.</summary>
    public DateTimeOffset? SecretsRevealedAt { get; set; }

    public Guid Revision { get; set; }
}
