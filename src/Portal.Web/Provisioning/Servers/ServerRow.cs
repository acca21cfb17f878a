namespace Portal.Web.Provisioning.Servers;

/// <summary>One deployed server as the servers page lists it.</summary>
public sealed record ServerRow(DeployedServerView Server, string PlatformName, string? Location)
{
    public bool CanAct => ProvisioningText.IsActionable(Server.Status);
}
