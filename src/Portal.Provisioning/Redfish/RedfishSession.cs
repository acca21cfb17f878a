namespace Portal.Provisioning.Redfish;

/// <summary>A logged-in Redfish session. A class with a masking ToString, not a record, so the token never prints.</summary>
internal sealed class RedfishSession(string token, Uri location)
{
    public string Token { get; } = token;

    /// <summary>The session resource (the Location of the login answer); DELETE on it logs out.</summary>
    public Uri Location { get; } = location;

    public override string ToString() => $"Session {Location.AbsolutePath}";
}
