namespace Portal.Web.Provisioning.Servers;

/// <summary>A server action whose workflow started: what it does ("Decommissioning web-01") and its instance.</summary>
public sealed record ServerActionStarted(string What, string InstanceId)
{
    public string Href => $"/admin/workflows/instances/{InstanceId}";
}
