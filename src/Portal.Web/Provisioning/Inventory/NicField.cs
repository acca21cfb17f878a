namespace Portal.Web.Provisioning.Inventory;

/// <summary>
/// One NIC of a server in the form: its name and MAC. The speed is not edited here (the BMC reports it); an
/// edited NIC keeps the one it had, a new one counts as 1 Gb/s.
/// </summary>
public sealed class NicField
{
    public string Name { get; set; } = "";

    public string MacAddress { get; set; } = "";

    public int SpeedMbps { get; set; } = 1000;
}
