namespace Portal.Domain.Inventory;

/// <summary>One NIC of a physical server as its BMC reports it; the MAC is what the boot server recognises it by.</summary>
public sealed record NetworkPort(string Name, string MacAddress, int SpeedMbps = 1000);
