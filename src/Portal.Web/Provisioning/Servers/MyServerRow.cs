using Portal.Domain.Leases;

namespace Portal.Web.Provisioning.Servers;

/// <summary>One server as My servers lists it: the row the admin page shows, the image it came from, whether it is simulated, its initial password's state, and its lease.</summary>
public sealed record MyServerRow(ServerRow Row, string? ImageName, bool Simulated, InitialPasswordState Password, ServerLease? Lease = null)
{
    public DeployedServerView Server => Row.Server;
}
