namespace Portal.Domain.Library;

/// <summary>
/// From what kind of source to what kind of target: physical-to-virtual (consolidation), virtual-to-virtual
/// (another hypervisor), virtual-to-physical, physical-to-physical.
/// </summary>
public enum MigrationRoute
{
    P2V,
    V2V,
    V2P,
    P2P,
}
