using Portal.Domain.Library;

namespace Portal.Domain.Inventory;

/// <summary>
/// Which hardware fits a deployment, and which to take first. Physical: the smallest server that satisfies
/// every requirement, so big servers stay free for big requests. Virtual: the host with the most room left
/// after placing the VM, so load spreads. The store tries candidates in this order and takes the first it
/// can reserve atomically.
/// </summary>
public static class AllocationRules
{
    public static IReadOnlyList<string> WhyNot(PhysicalServer server, AllocationDemand demand)
    {
        var reasons = new List<string>();
        var facts = server.Facts;
        if (!server.IsAllocatable)
        {
            reasons.Add(server.State == ServerState.Maintenance ? "it is in maintenance" : $"it is {DisplayNames.InSentence(server.State)}");
        }

        if (facts.Architecture != demand.Architecture)
        {
            reasons.Add($"it is {DisplayNames.Of(facts.Architecture)}, the image needs {DisplayNames.Of(demand.Architecture)}");
        }

        if (!facts.Firmware.Contains(demand.Firmware))
        {
            reasons.Add($"it cannot boot {DisplayNames.Of(demand.Firmware)}");
        }

        if (facts.CpuCores < demand.Vcpus)
        {
            reasons.Add($"{facts.CpuCores} cores, {demand.Vcpus} needed");
        }

        var memoryMiB = (long)facts.Memory.In(ResourceUnit.MiB).Value;
        if (memoryMiB < demand.MemoryMiB)
        {
            reasons.Add($"{memoryMiB} MiB memory, {demand.MemoryMiB} needed");
        }

        if (!DisksFit(facts.Disks.Select(d => (long)Math.Floor(d.In(ResourceUnit.GiB).Value)).ToList(), demand.DisksGiB))
        {
            reasons.Add($"its disks ({string.Join(", ", facts.Disks)}) cannot hold {string.Join(" + ", demand.DisksGiB.Select(d => $"{d} GiB"))}");
        }

        if (facts.Nics.Count < demand.Nics)
        {
            reasons.Add($"{facts.Nics.Count} NIC(s), {demand.Nics} needed");
        }

        return reasons;
    }

    /// <summary>The servers that fit, smallest first (cores, then memory, then disk; name breaks ties).</summary>
    public static IReadOnlyList<PhysicalServer> RankServers(IEnumerable<PhysicalServer> servers, AllocationDemand demand) =>
        servers.Where(s => WhyNot(s, demand).Count == 0)
            .OrderBy(s => s.Facts.CpuCores)
            .ThenBy(s => s.Facts.Memory.Normalized)
            .ThenBy(s => s.Facts.TotalDisk.Normalized)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<string> WhyNot(HypervisorHost host, AllocationDemand demand)
    {
        var reasons = new List<string>();
        if (host.InMaintenance)
        {
            reasons.Add("it is in maintenance");
        }

        if (host.Architecture != demand.Architecture)
        {
            reasons.Add($"it is {DisplayNames.Of(host.Architecture)}, the image needs {DisplayNames.Of(demand.Architecture)}");
        }

        if (host.FreeVcpus < demand.Vcpus)
        {
            reasons.Add($"{host.FreeVcpus} vCPU free, {demand.Vcpus} needed");
        }

        if (host.FreeMemoryMiB < demand.MemoryMiB)
        {
            reasons.Add($"{host.FreeMemoryMiB} MiB memory free, {demand.MemoryMiB} needed");
        }

        if (host.FreeStorageGiB < demand.StorageGiB)
        {
            reasons.Add($"{host.FreeStorageGiB} GiB storage free, {demand.StorageGiB} needed");
        }

        return reasons;
    }

    /// <summary>
    /// The hosts that fit, the one left with the largest share of free memory first (memory is what runs out
    /// first on a virtualisation host), then the largest share of free vCPUs; name breaks ties.
    /// </summary>
    public static IReadOnlyList<HypervisorHost> RankHosts(IEnumerable<HypervisorHost> hosts, AllocationDemand demand) =>
        hosts.Where(h => WhyNot(h, demand).Count == 0)
            .OrderByDescending(h => (decimal)(h.FreeMemoryMiB - demand.MemoryMiB) / h.Capacity.MemoryMiB)
            .ThenByDescending(h => (decimal)(h.FreeVcpus - demand.Vcpus) / Math.Max(1, h.Capacity.Vcpus))
            .ThenBy(h => h.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The kinds to try in order. Any prefers virtual: a VM is quicker to make and cheaper to give back.</summary>
    public static IReadOnlyList<PlatformKind> Order(Placement placement, PlatformKind? preferred = null) => placement switch
    {
        Placement.Physical => [PlatformKind.Physical],
        Placement.Virtual => [PlatformKind.Virtual],
        _ when preferred == PlatformKind.Physical => [PlatformKind.Physical, PlatformKind.Virtual],
        _ => [PlatformKind.Virtual, PlatformKind.Physical],
    };

    /// <summary>Each required disk on its own physical disk: largest demand to largest disk.</summary>
    private static bool DisksFit(IReadOnlyList<long> available, IReadOnlyList<long> required)
    {
        if (required.Count > available.Count)
        {
            return false;
        }

        var disks = available.OrderByDescending(d => d).ToList();
        var needs = required.OrderByDescending(d => d).ToList();
        return needs.Select((need, i) => need <= disks[i]).All(fits => fits);
    }
}
