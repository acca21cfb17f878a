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

    public bool AllowUnpublished { get; init; }

    /// <summary>Parameter names only: the values include secrets, and a record would print them.</summary>
    public override string ToString() =>
        $"DeploymentOrder {{ ImageId = {ImageId}, Placement = {Placement}, PlatformId = {PlatformId}, Parameters = [{string.Join(", ", Parameters.Keys)}], RequestedBy = {RequestedBy} }}";
}
