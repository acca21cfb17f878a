namespace Portal.Provisioning.Leases;

public enum LeaseExtensionKind
{
    /// <summary>The new end applies now.</summary>
    Extended,

    /// <summary>An approver has to decide: the lease-extension workflow started.</summary>
    AwaitingApproval,

    /// <summary>The ask was refused with field errors (too far, not later than the current end, …).</summary>
    Invalid,

    /// <summary>Another extension waits for approval already, or the server is past saving.</summary>
    Conflict,

    NotFound,
}
