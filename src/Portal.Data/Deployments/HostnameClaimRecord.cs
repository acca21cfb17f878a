namespace Portal.Data.Deployments;

/// <summary>
/// A host name taken by a deployment, from its request until its server is decommissioned (or the request ends
/// without one). The name is the key, lower-cased: of two requests for one name, the database lets one win.
/// </summary>
public sealed class HostnameClaimRecord
{
    public string Hostname { get; set; } = "";

    public Guid DeploymentId { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }
}
