using Portal.Domain.Library;
using Portal.Domain.Validation;

namespace Portal.Domain.Inventory;

/// <summary>A hypervisor host of a virtual platform (cluster): where virtual machines are created.</summary>
public sealed record HypervisorHost
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The virtual platform (cluster) it belongs to.</summary>
    public required Guid PlatformId { get; init; }

    public required PlatformTechnology Hypervisor { get; init; }

    /// <summary>How the driver connects: a libvirt URI (qemu+ssh://host/system), a vCenter URL, ….</summary>
    public required string Connection { get; init; }

    public required HostCapacity Capacity { get; init; }

    public HostUsage Allocated { get; init; } = HostUsage.None;

    public IReadOnlyList<DiskFormat> AcceptedFormats { get; init; } = [DiskFormat.Qcow2, DiskFormat.Raw];

    public CpuArchitecture Architecture { get; init; } = CpuArchitecture.X86_64;

    public bool InMaintenance { get; init; }

    public int FreeVcpus => Capacity.Vcpus - Allocated.Vcpus;

    public long FreeMemoryMiB => Capacity.MemoryMiB - Allocated.MemoryMiB;

    public long FreeStorageGiB => Capacity.StorageGiB - Allocated.StorageGiB;

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add(new("name", "A host needs a name."));
        }

        if (string.IsNullOrWhiteSpace(Connection))
        {
            errors.Add(new("connection", "A host needs a connection (for KVM a libvirt URI such as qemu+ssh://kvm01/system)."));
        }

        if (Capacity.PhysicalCpus < 1)
        {
            errors.Add(new("capacity.physicalCpus", "A host has at least one CPU."));
        }

        if (Capacity.OvercommitRatio is < 1 or > 16)
        {
            errors.Add(new("capacity.overcommitRatio", "The vCPU overcommit ratio is between 1 (none) and 16."));
        }

        if (Capacity.MemoryMiB < 1)
        {
            errors.Add(new("capacity.memoryMiB", "A host has memory."));
        }

        if (Capacity.StorageGiB < 1)
        {
            errors.Add(new("capacity.storageGiB", "A host has storage for its guests' disks."));
        }

        if (AcceptedFormats.Count == 0)
        {
            errors.Add(new("acceptedFormats", "A host accepts at least one disk format."));
        }

        return errors;
    }
}
