namespace Portal.Web.Tests.Provisioning;

/// <summary>The provisioning portal with simulated machines that never answer: a VM given one of these host names fails its first step every time.</summary>
public sealed class FaultyProvisioningPortal : ProvisioningPortal
{
    public static readonly string[] Broken = ["web-broken-01", "web-broken-02", "web-broken-03"];

    public FaultyProvisioningPortal()
        : base(Broken.Select((name, i) => KeyValuePair.Create($"Portal:Provisioning:Simulation:BrokenMachines:{i}", (string?)name)).ToDictionary())
    {
    }
}
