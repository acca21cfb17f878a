using Portal.Domain.Inventory;
using Portal.Domain.Library;

namespace Portal.Provisioning.Deployments;

/// <summary>What someone asks to deploy: an image, where, sizes within its template and parameter values (secrets included).</summary>
public sealed record DeploymentOrder
{
    /// <summary>A chosen id makes creation idempotent (a re-delivered step finds the deployment it created).</summary>
    public Guid? Id { get; init; }

    public required Guid ImageId { get; init; }

    public Placement Placement { get; init; } = Placement.Any;

    public Guid? PlatformId { get; init; }

    public IReadOnlyDictionary<ResourceType, decimal> Hardware { get; init; } = new Dictionary<ResourceType, decimal>();

    public IReadOnlyDictionary<string, string?> Parameters { get; init; } = new Dictionary<string, string?>();

    public required string RequestedBy { get; init; }

    /// <summary>The request this deployment serves, if it came through the self-service journey.</summary>
    public Guid? RequestId { get; init; }

    /// <summary>The server's host name; it fills the image's host-name parameter. Without it, that parameter's value names the server.</summary>
    public string? Hostname { get; init; }

    /// <summary>
    /// Whether the deployment claims its host name so no other server or request can take it. A migration's successor
    /// does not: the server it replaces holds the name until it is decommissioned.
    /// </summary>
    public bool ClaimHostname { get; init; } = true;

    public bool AllowUnpublished { get; init; }

    /// <summary>An admin's direct deployment: the server's lease in days; none gives the lease policy's default.</summary>
    public int? LeaseDays { get; init; }

    /// <summary>Parameter names only: the values include secrets, and a record would print them.</summary>
    public override string ToString() =>
        $"DeploymentOrder {{ ImageId = {ImageId}, Placement = {Placement}, PlatformId = {PlatformId}, Parameters = [{string.Join(", ", Parameters.Keys)}], RequestedBy = {RequestedBy}, RequestId = {RequestId}, Hostname = {Hostname} }}";
}
