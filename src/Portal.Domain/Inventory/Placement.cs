namespace Portal.Domain.Inventory;

/// <summary>Where a deployment may land: bare metal, a virtual machine, or either (in a preference order).</summary>
public enum Placement
{
    Physical,
    Virtual,
    Any,
}
