namespace Portal.Domain.Library;

/// <summary>Bare metal behind a boot server, or virtual machines behind a hypervisor.</summary>
public enum PlatformKind
{
    Physical,
    Virtual,
}
