namespace Portal.Web.Provisioning.Servers;

/// <summary>
/// The answer to "show me the initial password": the values (the first time), when they were shown (every time
/// after), or neither (no such server of the user's, or nothing was generated).
/// </summary>
public sealed record InitialPasswordReveal(InitialSecretsView? Secrets, DateTimeOffset? ShownAt, string? Server)
{
    public static InitialPasswordReveal Missing { get; } = new(null, null, null);

    /// <summary>Names only: this record may carry passwords.</summary>
    public override string ToString() => $"InitialPasswordReveal {{ Server = {Server}, Revealed = {Secrets is not null}, ShownAt = {ShownAt} }}";
}
