using System.Diagnostics;
using Portal.Domain.Library;
using Portal.Provisioning.Drivers;

namespace Portal.Provisioning.Telemetry;

/// <summary>
/// Traces driver calls (activity source <see cref="Name"/>): one span per call of a platform's driver, a child of the
/// workflow step that made it, so a trace reads request → workflow step → driver call. Only while someone listens:
/// otherwise the drivers are handed out as they are.
/// </summary>
public static class DriverTracing
{
    public const string Name = "Portal.Provisioning";

    public static ActivitySource Source { get; } = new(Name);

    /// <summary>The platform's drivers, each wrapped so its calls are traced, when tracing is on.</summary>
    public static PlatformDrivers Traced(PlatformDrivers drivers, Platform platform, PlatformDriver? driver)
    {
        if (!Source.HasListeners())
        {
            return drivers;
        }

        var tags = new DriverSpanTags(platform.Name, driver?.ToString() ?? "none");
        return drivers with
        {
            VirtualMachines = Wrap(drivers.VirtualMachines, tags),
            Writer = Wrap(drivers.Writer, tags)!,
            Configurator = Wrap(drivers.Configurator, tags)!,
            Power = Wrap(drivers.Power, tags)!,
            Capture = Wrap(drivers.Capture, tags)!,
            Addresses = Wrap(drivers.Addresses, tags),
            Converter = Wrap(drivers.Converter, tags),
        };
    }

    private static T? Wrap<T>(T? driver, DriverSpanTags tags) where T : class =>
        driver is null ? null : TracedDriver<T>.Wrap(driver, tags);
}
