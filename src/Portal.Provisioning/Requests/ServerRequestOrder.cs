using Portal.Domain.Inventory;
using Portal.Domain.Library;

namespace Portal.Provisioning.Requests;

/// <summary>What a requester submits: an image, sizes within its template, where, parameter values (secrets included), how many, their names and why.</summary>
public sealed record ServerRequestOrder
{
    public required Guid ImageId { get; init; }

    public Placement Placement { get; init; } = Placement.Any;

    public Guid? PlatformId { get; init; }

    public IReadOnlyDictionary<ResourceType, decimal> Hardware { get; init; } = new Dictionary<ResourceType, decimal>();

    public IReadOnlyDictionary<string, string?> Parameters { get; init; } = new Dictionary<string, string?>();

    public int Quantity { get; init; } = 1;

    /// <summary>web-{n} for several servers, or one plain name; without it a single server takes the host-name parameter's value.</summary>
    public string? HostnamePattern { get; init; }

    public string? Justification { get; init; }

    public int? LeaseDays { get; init; }

    public required string RequestedBy { get; init; }

    /// <summary>Parameter names only: the values include secrets, and a record would print them.</summary>
    public override string ToString() =>
        $"ServerRequestOrder {{ ImageId = {ImageId}, Placement = {Placement}, PlatformId = {PlatformId}, Quantity = {Quantity}, HostnamePattern = {HostnamePattern}, Parameters = [{string.Join(", ", Parameters.Keys)}], RequestedBy = {RequestedBy} }}";
}
