namespace Portal.Domain.Audit;

/// <summary>
/// What the audit log records: a fixed vocabulary, stored by name, so a filter or an export means the same thing
/// next year. Add to the end; never rename or reuse a name (old records keep theirs).
/// </summary>
public enum AuditAction
{
    /// <summary>A requester submitted a request for servers.</summary>
    RequestSubmitted,

    /// <summary>An approver decided an approval task of a request with its positive outcome.</summary>
    RequestApproved,

    /// <summary>An approver decided an approval task of a request with any other outcome.</summary>
    RequestRejected,

    /// <summary>The requester (or an admin) withdrew a request waiting for approval.</summary>
    RequestCancelled,

    /// <summary>An admin published a workflow definition's draft as its next version.</summary>
    WorkflowPublished,

    /// <summary>A physical server or hypervisor host was added, edited, removed, or taken into or out of maintenance.</summary>
    InventoryChanged,

    /// <summary>A platform (physical pool or virtual cluster) was created or changed.</summary>
    PlatformChanged,

    /// <summary>A sign-in with a password was refused.</summary>
    SignInFailed,

    /// <summary>A personal access token was created.</summary>
    TokenCreated,

    /// <summary>A personal access token was revoked.</summary>
    TokenRevoked,

    /// <summary>An admin set, changed or removed a role's or a user's quota.</summary>
    QuotaChanged,

    /// <summary>A server's lease was extended: at once by its owner or an admin, or by an approver's decision.</summary>
    LeaseExtended,

    /// <summary>A server's owner asked for a lease extension that an approver has to decide.</summary>
    LeaseExtensionRequested,

    /// <summary>An admin set or removed a lease policy.</summary>
    LeasePolicyChanged,

    /// <summary>A server's lease and grace period ran out and the portal started its decommission.</summary>
    LeaseExpired,
}
