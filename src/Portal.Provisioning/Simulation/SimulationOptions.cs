using System.ComponentModel.DataAnnotations;

namespace Portal.Provisioning.Simulation;

/// <summary>
/// How the simulated datacenter behaves: how long each step takes (seconds in the demo, milliseconds in
/// tests) and which faults to inject, so that retries, incidents and the failure paths can be shown.
/// </summary>
public sealed class SimulationOptions
{
    public const string Section = "Portal:Provisioning:Simulation";

    /// <summary>How long one driver step (create, write, configure, power, capture) takes.</summary>
    [Range(0, 600_000)]
    public int StepMilliseconds { get; set; } = 1500;

    /// <summary>
    /// Step name → how long that step takes instead of <see cref="StepMilliseconds"/> (e.g. { "ConfigureSoftware": 4000 }):
    /// a slow step holds a window open, so a test can kill a node or stop the database in the middle of it.
    /// </summary>
    public Dictionary<string, int> SlowSteps { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Step name → how many times it fails before it succeeds (e.g. { "WriteImage": 2 }). Steps: <see cref="SimulatedStep"/>.
    /// Counted per node: with several nodes, each fails its own next calls of the step.
    /// </summary>
    public Dictionary<string, int> FailSteps { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The subnet (CIDR) the simulated DHCP hands addresses out of; network and broadcast addresses are never given.</summary>
    [Required]
    [RegularExpression(@"^\d{1,3}(\.\d{1,3}){3}/\d{1,2}$", ErrorMessage = "Subnet is an IPv4 CIDR such as 10.42.0.0/16.")]
    public string Subnet { get; set; } = "10.42.0.0/16";

    /// <summary>
    /// The longest wait of a simulated image writer between two attempts to call the portal back (it starts at one step's
    /// time and doubles), so a writer calls back soon after an outage ends.
    /// </summary>
    [Range(100, 600_000)]
    public int WriterRetryMaxMilliseconds { get; set; } = 10_000;

    /// <summary>Machines (physical servers, hosts, VMs) on which every step fails, as broken hardware would. Per node, like every fault.</summary>
    public List<string> BrokenMachines { get; set; } = [];
}
