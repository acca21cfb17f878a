namespace Portal.Domain.Library.Ovf;

/// <summary>
/// The hardware a VirtualHardwareSection asks for, in document order, each with the InstanceID of its item so
/// the portal extension can add bounds to it; and the disks used, in the order their items appear.
/// </summary>
internal sealed record OvfHardware(
    IReadOnlyList<(ResourceRequirement Requirement, string? InstanceId)> Requirements,
    IReadOnlyList<string> DiskIds);
