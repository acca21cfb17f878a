namespace Portal.Domain.Library;

/// <summary>Decides how a deployment is configured: cloud-init for Linux, an answer file for Windows.</summary>
public enum OsFamily
{
    Linux,
    Windows,
    Other,
}
