using Portal.Domain.Inventory;

namespace Portal.Data.Inventory;

/// <summary>One page of physical servers in name order, and how many there are in all.</summary>
public sealed record PhysicalServerPage(IReadOnlyList<PhysicalServer> Items, int Total);
