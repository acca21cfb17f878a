using Portal.Domain.Library;

namespace Portal.Provisioning.Drivers;

/// <summary>Which drivers serve a platform technology, and which converter turns artifacts from one format into another.</summary>
public interface IDriverCatalog
{
    IImageConverter Converter { get; }

    /// <summary>The drivers for the technology; throws <see cref="DriverException"/> with a sentence an admin can act on when none is configured.</summary>
    PlatformDrivers For(PlatformTechnology technology);

    /// <summary>
    /// Whether the simulated datacenter, not real infrastructure, serves the technology: every technology while
    /// <c>Portal:Provisioning:Drivers</c> is Simulated, and the Simulated technology always. A deployment to such a
    /// platform completes without creating anything, so pages mark it.
    /// </summary>
    bool IsSimulated(PlatformTechnology technology);
}
