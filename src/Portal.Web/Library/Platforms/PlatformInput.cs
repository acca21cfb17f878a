using Portal.Domain.Library;

namespace Portal.Web.Library.Platforms;

/// <summary>The body of POST /api/platforms and PUT /api/platforms/{id}.</summary>
public sealed record PlatformInput
{
    public string Name { get; init; } = "";

    public PlatformKind Kind { get; init; }

    public PlatformTechnology Technology { get; init; }

    public PlatformCapabilities? Capabilities { get; init; }

    public string? Description { get; init; }

    /// <summary>Null: the platform follows Portal:Provisioning:Drivers.</summary>
    public PlatformConnectionInput? Connection { get; init; }
}
