namespace Portal.Provisioning.Libvirt;

/// <summary>What a libvirt connection says of itself and its host: what Test connection reports.</summary>
public sealed record LibvirtHostInfo
{
    public required string Uri { get; init; }

    /// <summary>The hypervisor driver's name (QEMU, TEST, …) and version.</summary>
    public required string Hypervisor { get; init; }

    public required string HypervisorVersion { get; init; }

    public required string LibvirtVersion { get; init; }

    public required string Hostname { get; init; }

    public required string CpuModel { get; init; }

    public required int Cpus { get; init; }

    public required long MemoryMiB { get; init; }

    public override string ToString() =>
        $"{Hypervisor} {HypervisorVersion} on {Hostname} (libvirt {LibvirtVersion}; {Cpus} CPU {CpuModel}, {MemoryMiB / 1024.0:0.#} GiB)";
}
