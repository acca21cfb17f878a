namespace Portal.Domain.Library;

/// <summary>Draft → Published → Deprecated → Retired. Only a published image can be requested.</summary>
public enum ImageLifecycle
{
    Draft,
    Published,
    Deprecated,
    Retired,
}
