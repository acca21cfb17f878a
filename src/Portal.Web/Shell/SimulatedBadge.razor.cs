using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Library;
using Portal.Provisioning.Drivers;

namespace Portal.Web.Shell;

/// <summary>
/// "Simulated", beside a platform, deployment or server that the portal's simulated datacenter plays: a
/// deployment there completes against hosts that do not exist, and nothing else on the page says so. The driver
/// catalog decides from the platform's settings (its driver is Simulated, or Portal:Provisioning:Drivers forces
/// simulation); for real infrastructure, and where no platform is known yet, nothing renders.
/// </summary>
public sealed partial class SimulatedBadge
{
    public const string Explanation = "This platform is played by the portal's simulated datacenter: nothing real is created.";

    [Inject] public required IDriverCatalog Drivers { get; init; }

    /// <summary>The platform the badge stands beside; null (no platform chosen yet, or one removed) shows nothing.</summary>
    [Parameter] public Platform? Platform { get; set; }

    /// <summary>The chip's size: small for table cells, medium beside a page title.</summary>
    [Parameter] public Size Size { get; set; } = Size.Small;

    private bool Shown => Platform is { } platform && Drivers.IsSimulated(platform);
}
