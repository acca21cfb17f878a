namespace Portal.Data.Inventory;

/// <summary>An address the simulated DHCP handed out, for good: the address is the key, so no two servers get one.</summary>
public sealed class AddressLeaseRecord
{
    public string Address { get; set; } = "";

    public string Subnet { get; set; } = "";

    /// <summary>The n-th address of its subnet, so the next lease is one past the highest.</summary>
    public long Offset { get; set; }

    public Guid ServerId { get; set; }

    public DateTimeOffset LeasedAt { get; set; }
}
