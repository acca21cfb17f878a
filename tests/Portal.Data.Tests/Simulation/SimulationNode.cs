using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Data.Drivers;
using Portal.Data.Inventory;
using Portal.Data.Simulation;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Simulation;

namespace Portal.Data.Tests.Simulation;

/// <summary>
/// One portal node's simulated datacenter over a shared test database: its own process-wide objects (the datacenter,
/// its fault counters, its node name), the database's state shared with every other node. Disposing it is a node's death.
/// </summary>
public sealed class SimulationNode : IDisposable
{
    private readonly ServiceProvider services;

    public SimulationNode(TestDatabase database, string name, SimulationOptions? options = null, IDeploymentCallbackSink? sink = null)
    {
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new DriverNode(name))
            .AddSingleton(Options.Create(options ?? new SimulationOptions { StepMilliseconds = 0 }))
            .AddScoped(_ => database.NewContext())
            .AddScoped<ISimulationStore, EfSimulationStore>()
            .AddScoped<IDriverKeyStore, EfDriverKeyStore>()
            .AddScoped<IAddressPool, EfAddressPool>()
            .AddSingleton(sink ?? new ScriptedSink())
            .AddSingleton<SimulatedDatacenter>()
            .BuildServiceProvider();
        Name = name;
    }

    public string Name { get; }

    public SimulatedDatacenter Datacenter => services.GetRequiredService<SimulatedDatacenter>();

    public async Task<IReadOnlyList<SimulatedWriterJob>> WritersAsync(Guid deploymentId, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISimulationStore>().WritersAsync(deploymentId, cancellationToken);
    }

    public void Dispose() => services.Dispose();
}
