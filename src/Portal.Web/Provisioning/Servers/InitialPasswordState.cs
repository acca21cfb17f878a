namespace Portal.Web.Provisioning.Servers;

/// <summary>Whether the portal generated a server's initial password, and when its owner saw it (null: not yet).</summary>
public sealed record InitialPasswordState(bool Generated, DateTimeOffset? ShownAt)
{
    public static InitialPasswordState None { get; } = new(false, null);

    /// <summary>Generated and not shown yet: the owner may reveal it, once.</summary>
    public bool Offered => Generated && ShownAt is null;
}
