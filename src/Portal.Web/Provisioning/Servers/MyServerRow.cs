namespace Portal.Web.Provisioning.Servers;

/// <summary>One server as My servers lists it: the row the admin page shows, the image it came from, whether it is simulated, and its initial password's state.</summary>
public sealed record MyServerRow(ServerRow Row, string? ImageName, bool Simulated, InitialPasswordState Password)
{
    public DeployedServerView Server => Row.Server;
}
