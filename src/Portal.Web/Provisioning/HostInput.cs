using Portal.Domain.Library;

namespace Portal.Web.Provisioning;

/// <summary>A hypervisor host as an admin registers it (API body and form).</summary>
public sealed record HostInput
{
    public string Name { get; init; } = "";

    public Guid PlatformId { get; init; }

    /// <summary>The host's libvirt URI; empty takes the URI of its platform when that is configured for libvirt.</summary>
    public string Connection { get; init; } = "";

    public int PhysicalCpus { get; init; }

    public decimal OvercommitRatio { get; init; } = 4;

    public long MemoryGiB { get; init; }

    public long StorageGiB { get; init; }

    public IReadOnlyList<DiskFormat> AcceptedFormats { get; init; } = [DiskFormat.Qcow2, DiskFormat.Raw];

    public CpuArchitecture Architecture { get; init; } = CpuArchitecture.X86_64;
}
