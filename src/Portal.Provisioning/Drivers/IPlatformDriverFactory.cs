using Portal.Domain.Library;

namespace Portal.Provisioning.Drivers;

/// <summary>
/// One kind of driver (<see cref="PlatformDriver"/>): the drivers it gives a platform configured for it, and a test of
/// that platform's connection. A new kind of infrastructure is one class implementing this and one registration
/// (<c>services.AddPlatformDriver&lt;T&gt;()</c>); the <see cref="IDriverCatalog"/> finds it by <see cref="Driver"/>.
/// </summary>
public interface IPlatformDriverFactory
{
    PlatformDriver Driver { get; }

    /// <summary>The drivers serving <paramref name="platform"/>; throws <see cref="DriverException"/> when its settings cannot be served.</summary>
    PlatformDrivers For(Platform platform);

    /// <summary>Reaches the platform's infrastructure as a deployment would and says what answered, or why nothing did. Never throws for an unreachable target.</summary>
    Task<ConnectionTestResult> TestAsync(Platform platform, PlatformMembers members, CancellationToken cancellationToken);
}
