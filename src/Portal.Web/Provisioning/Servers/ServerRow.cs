namespace Portal.Web.Provisioning.Servers;

/// <summary>One deployed server as the servers page lists it, with its platform (null when that is gone).</summary>
public sealed record ServerRow(DeployedServerView Server, string PlatformName, string? Location, Portal.Domain.Library.Platform? Platform = null)
{
    public bool CanAct => ProvisioningText.IsActionable(Server.Status);
}
