namespace Portal.Domain.Leases;

/// <summary>
/// A server's lease. It is opened with its deployment (keyed by the deployment, since the server does not exist
/// yet), with the days asked and the terms of the policy then in force, kept like a contract: a policy changed
/// later applies to servers deployed afterwards. It starts when the server is built (<see cref="StartsAt"/>, the
/// server's creation) and ends <see cref="Days"/> later, unless extended. The keeper reminds the owner once per end
/// (<see cref="RemindedFor"/> is the end it reminded of), and after the grace period starts server-decommission once.
/// </summary>
public sealed record ServerLease
{
    public required Guid DeploymentId { get; init; }

    /// <summary>The server, once the deployment has built it.</summary>
    public Guid? ServerId { get; init; }

    public string? ServerName { get; init; }

    public required string Owner { get; init; }

    /// <summary>The lease asked for (or the policy's default), in days from the server's creation.</summary>
    public required int Days { get; init; }

    public required LeaseTerms Terms { get; init; }

    /// <summary>Where the terms come from, in words.</summary>
    public required string PolicySource { get; init; }

    public DateTimeOffset? StartsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>The end the owner was reminded of; a reminder is due again after an extension moves the end.</summary>
    public DateTimeOffset? RemindedFor { get; init; }

    /// <summary>When a keeper claimed the decommission of this end (it starts server-decommission next).</summary>
    public DateTimeOffset? DecommissionClaimedAt { get; init; }

    /// <summary>The decommission the end of the lease started, once started.</summary>
    public string? DecommissionInstanceId { get; init; }

    /// <summary>When the server is decommissioned: the end plus the grace period, or a grace period after a late reminder.</summary>
    public DateTimeOffset? DecommissionAt { get; init; }

    public DateTimeOffset? EndedNoticeAt { get; init; }

    /// <summary>An extension waiting for an approver: the end asked for, by whom, and its workflow.</summary>
    public DateTimeOffset? PendingUntil { get; init; }

    public string? PendingBy { get; init; }

    public string? PendingInstanceId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the owner is reminded: <see cref="LeaseTerms.ReminderDays"/> before the end.</summary>
    public DateTimeOffset? RemindAt => EndsAt - Terms.Reminder;

    /// <summary>The latest end an extension asked at <paramref name="now"/> may reach.</summary>
    public DateTimeOffset LatestEnd(DateTimeOffset now) => now + TimeSpan.FromDays(Terms.MaxDays);

    /// <summary>
    /// The lease bound to its server: it starts at the server's creation and ends <see cref="Days"/> later, unless it
    /// was carried over from a server it replaces (a migration), whose end it keeps.
    /// </summary>
    public ServerLease StartedFor(Guid serverId, string serverName, DateTimeOffset serverCreatedAt) =>
        (this with { ServerId = serverId, ServerName = serverName, StartsAt = StartsAt ?? serverCreatedAt })
            .EndingAt(EndsAt ?? serverCreatedAt + TimeSpan.FromDays(Days));

    /// <summary>The lease of the server that replaces this one (a migration's successor): same owner, terms and end, unbound.</summary>
    public ServerLease CarriedTo(Guid deploymentId, DateTimeOffset now) => new()
    {
        DeploymentId = deploymentId, Owner = Owner, Days = Days, Terms = Terms, PolicySource = PolicySource,
        StartsAt = StartsAt, EndsAt = EndsAt, DecommissionAt = DecommissionAt, RemindedFor = RemindedFor, CreatedAt = now,
    };

    /// <summary>The lease with a new end: decommissioned a grace period after it; no extension waits any more.</summary>
    public ServerLease EndingAt(DateTimeOffset end) => this with
    {
        EndsAt = end, DecommissionAt = end + Terms.Grace, PendingUntil = null, PendingBy = null, PendingInstanceId = null,
    };
}
