using Portal.Domain.Library;
using Portal.Provisioning.Drivers;

namespace Portal.Provisioning.Simulation;

/// <summary>The simulated datacenter as a driver: it plays every capability of any platform, and contacts nothing.</summary>
public sealed class SimulatedDriverFactory(SimulatedDatacenter simulation) : IPlatformDriverFactory
{
    private readonly PlatformDrivers drivers = new(simulation, simulation, simulation, simulation, simulation, simulation, simulation);

    public PlatformDriver Driver => PlatformDriver.Simulated;

    public PlatformDrivers For(Platform platform) => drivers;

    public Task<ConnectionTestResult> TestAsync(Platform platform, PlatformMembers members, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectionTestResult(true, true,
            $"{platform.Name} is simulated: the portal's simulated datacenter plays it, and nothing real is contacted.", []));
}
