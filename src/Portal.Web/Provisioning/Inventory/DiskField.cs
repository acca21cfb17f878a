namespace Portal.Web.Provisioning.Inventory;

/// <summary>One disk of a server in the form: its size in GiB.</summary>
public sealed class DiskField
{
    public decimal SizeGiB { get; set; }
}
