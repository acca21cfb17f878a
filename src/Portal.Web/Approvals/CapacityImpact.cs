using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Requests;

namespace Portal.Web.Approvals;

/// <summary>
/// What a request would take from the pools it may land in, against what is free there now (hosts and servers in
/// maintenance left out): what an approver weighs. Nothing is reserved before approval; allocation happens after.
/// </summary>
public sealed record CapacityImpact(int Vcpus, int FreeVcpus, long MemoryGiB, long FreeMemoryGiB, int PhysicalServers, int AvailablePhysicalServers, bool Fits)
{
    public static CapacityImpact Of(ServerRequest request, IEnumerable<Platform> platforms, IEnumerable<HypervisorHost> hosts, IEnumerable<PhysicalServer> servers)
    {
        var eligible = platforms.Where(p => request.PlatformId is null || p.Id == request.PlatformId).ToList();
        var virtualIds = request.Placement == Placement.Physical ? [] : eligible.Where(p => p.Kind == PlatformKind.Virtual).Select(p => p.Id).ToHashSet();
        var physicalIds = request.Placement == Placement.Virtual ? [] : eligible.Where(p => p.Kind == PlatformKind.Physical).Select(p => p.Id).ToHashSet();
        var openHosts = hosts.Where(h => virtualIds.Contains(h.PlatformId) && !h.InMaintenance).ToList();
        var freeVcpus = openHosts.Sum(h => Math.Max(0, h.FreeVcpus));
        var freeMemoryGiB = openHosts.Sum(h => Math.Max(0, h.FreeMemoryMiB)) / 1024;
        var available = servers.Count(s => physicalIds.Contains(s.PlatformId) && s.State == ServerState.Available);
        var memoryGiB = request.Demand.MemoryMiB / 1024;
        var fitsVirtual = virtualIds.Count > 0 && request.Demand.Vcpus <= freeVcpus && memoryGiB <= freeMemoryGiB;
        var fitsPhysical = physicalIds.Count > 0 && request.Demand.Servers <= available;
        return new CapacityImpact(
            request.Demand.Vcpus, freeVcpus, memoryGiB, freeMemoryGiB, physicalIds.Count > 0 ? request.Demand.Servers : 0, available, fitsVirtual || fitsPhysical);
    }

    /// <summary>"8 of 96 free vCPU · 16 of 384 GiB free memory · 1 of 4 available physical servers".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (FreeVcpus > 0 || PhysicalServers == 0)
        {
            parts.Add($"{Vcpus} of {FreeVcpus} free vCPU");
            parts.Add($"{MemoryGiB} of {FreeMemoryGiB} GiB free memory");
        }

        if (PhysicalServers > 0)
        {
            parts.Add($"{PhysicalServers} of {AvailablePhysicalServers} available physical server{(AvailablePhysicalServers == 1 ? "" : "s")}");
        }

        return string.Join(" · ", parts) + (Fits ? "" : " — more than is free now");
    }
}
