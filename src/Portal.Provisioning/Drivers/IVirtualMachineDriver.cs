using Portal.Domain.Library;

namespace Portal.Provisioning.Drivers;

/// <summary>Creates and deletes virtual machine containers (the VM without its image) on a hypervisor host.</summary>
public interface IVirtualMachineDriver
{
    /// <summary>
    /// Defines the VM with the hardware and an empty disk in <paramref name="diskFormat"/>; returns where its
    /// system disk lives. The same <paramref name="idempotencyKey"/> returns the VM the first call created.
    /// </summary>
    Task<string> CreateAsync(string idempotencyKey, MachineRef machine, HardwareConfiguration hardware, DiskFormat diskFormat, CancellationToken cancellationToken);

    /// <summary>Removes the VM and its disks. Deleting a VM that is gone already is fine.</summary>
    Task DeleteAsync(MachineRef machine, CancellationToken cancellationToken);
}
