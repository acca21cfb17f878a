namespace Portal.Domain.Notifications;

/// <summary>
/// What a notification is about: a fixed vocabulary, stored by name, so a user's e-mail settings and the bell's icons
/// mean the same thing next year. Add to the end; never rename or reuse a name.
/// </summary>
public enum NotificationKind
{
    /// <summary>The recipient's request was recorded and waits for approval.</summary>
    RequestSubmitted,

    /// <summary>An approval task waits for the recipient (or a role the recipient holds).</summary>
    WaitingForYou,

    RequestApproved,

    RequestRejected,

    /// <summary>Every server of the recipient's request is running.</summary>
    RequestCompleted,

    /// <summary>A deployment of the recipient's request failed.</summary>
    RequestFailed,

    /// <summary>A server of the recipient's ends its lease soon; it will be decommissioned after the grace period.</summary>
    LeaseExpiring,

    /// <summary>A server's lease was extended (or the extension was refused).</summary>
    LeaseExtended,

    /// <summary>A server whose lease ran out (and its grace period) was decommissioned.</summary>
    LeaseEnded,
}
