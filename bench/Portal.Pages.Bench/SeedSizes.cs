namespace Portal.Pages.Bench;

/// <summary>How much the seed adds; the figures by default.</summary>
public sealed record SeedSizes
{
    public int Images { get; init; } = 10_000;

    /// <summary>Deployed servers, each with the deployment that built it.</summary>
    public int Servers { get; init; } = 5_000;

    public int Instances { get; init; } = 100_000;

    public int Users { get; init; } = 1_000;

    /// <summary>Physical servers added to the inventory (the deployed bare-metal servers stand on them).</summary>
    public int Machines => Math.Max(1, Servers / 2);

    /// <summary>Hypervisor hosts added to the inventory (the deployed VMs stand on them).</summary>
    public int Hosts => Math.Max(1, Servers / 100);
}
