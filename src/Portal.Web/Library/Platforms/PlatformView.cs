using Portal.Domain.Library;
using Portal.Provisioning.Drivers;

namespace Portal.Web.Library.Platforms;

/// <summary>
/// A platform as the API returns it: what it is and can run, whether the simulated datacenter plays it and which
/// driver serves it; its connection settings for admins only (never a password).
/// </summary>
public sealed record PlatformView(
    Guid Id, string Name, PlatformKind Kind, PlatformTechnology Technology, PlatformCapabilities Capabilities, string? Description,
    bool Simulated, PlatformDriver? Driver, PlatformConnectionView? Connection)
{
    public static PlatformView Of(Platform platform, IDriverCatalog drivers, bool admin) => new(
        platform.Id, platform.Name, platform.Kind, platform.Technology, platform.Capabilities, platform.Description,
        drivers.IsSimulated(platform), drivers.DriverOf(platform),
        admin && platform.Connection is { } connection ? PlatformConnectionView.Of(connection) : null);
}
