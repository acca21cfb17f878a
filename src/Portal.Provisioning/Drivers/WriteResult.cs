namespace Portal.Provisioning.Drivers;

/// <summary>
/// How a write ended: done (a hypervisor copies the disk itself), or handed to an image writer booted on the
/// machine, which calls the portal back when it is done.
/// </summary>
public sealed record WriteResult(bool AwaitingCallback, string? DiskLocation)
{
    public static WriteResult Written(string diskLocation) => new(false, diskLocation);

    public static readonly WriteResult Callback = new(true, null);
}
