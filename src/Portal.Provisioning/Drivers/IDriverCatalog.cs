using Portal.Domain.Library;

namespace Portal.Provisioning.Drivers;

/// <summary>Which drivers serve a platform technology, and which converter turns artifacts from one format into another.</summary>
public interface IDriverCatalog
{
    IImageConverter Converter { get; }

    /// <summary>The drivers for the technology; throws <see cref="DriverException"/> with a sentence an admin can act on when none is configured.</summary>
    PlatformDrivers For(PlatformTechnology technology);

    /// <summary>True when the simulated datacenter plays this technology: nothing real is created there.</summary>
    bool IsSimulated(PlatformTechnology technology);
}
