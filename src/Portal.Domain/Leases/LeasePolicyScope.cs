namespace Portal.Domain.Leases;

/// <summary>What a lease policy applies to: every server (the portal's default), the servers of one image, or the servers of one role's members.</summary>
public enum LeasePolicyScope
{
    Default,
    Image,
    Role,
}
