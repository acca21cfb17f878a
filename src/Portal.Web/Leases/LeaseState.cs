using Portal.Domain.Leases;

namespace Portal.Web.Leases;

/// <summary>Where a lease stands, in one word for lists and chips.</summary>
public enum LeaseState
{
    /// <summary>The server is not built yet: the lease starts when it is.</summary>
    NotStarted,

    Active,

    /// <summary>Within the reminder lead of its end.</summary>
    EndingSoon,

    /// <summary>Past its end, in the grace period: still extendable.</summary>
    InGrace,

    /// <summary>An extension waits for an approver.</summary>
    ExtensionPending,

    /// <summary>Over: the portal decommissions (or decommissioned) the server.</summary>
    Ended,
}

/// <summary>Reads a lease's state at a moment.</summary>
public static class LeaseStates
{
    public static LeaseState Of(ServerLease lease, DateTimeOffset now) => lease switch
    {
        { DecommissionClaimedAt: not null } or { DecommissionInstanceId: not null } => LeaseState.Ended,
        { PendingUntil: not null } => LeaseState.ExtensionPending,
        { EndsAt: null } => LeaseState.NotStarted,
        { EndsAt: { } end } when end <= now => LeaseState.InGrace,
        { RemindAt: { } remind } when remind <= now => LeaseState.EndingSoon,
        _ => LeaseState.Active,
    };
}
