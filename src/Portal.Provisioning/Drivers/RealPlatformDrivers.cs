using Portal.Domain.Library;

namespace Portal.Provisioning.Drivers;

/// <summary>The real drivers for some platform technologies (registered in DI; the catalog picks by technology).</summary>
public sealed record RealPlatformDrivers(IReadOnlyList<PlatformTechnology> Technologies, PlatformDrivers Drivers);
