namespace Portal.Provisioning.Libvirt;

/// <summary>A domain's run state; the values are libvirt's <c>virDomainState</c> numbers.</summary>
public enum LibvirtDomainState
{
    NoState = 0,
    Running = 1,
    Blocked = 2,
    Paused = 3,
    /// <summary>The guest was asked to shut down and has not finished yet.</summary>
    ShuttingDown = 4,
    ShutOff = 5,
    Crashed = 6,
    /// <summary>Suspended by guest power management (S3/S4).</summary>
    Suspended = 7,
}
