namespace Portal.Domain.Library;

/// <summary>Whether an artifact's content was taken from a physical server or a virtual machine.</summary>
public enum CaptureSource
{
    Physical,
    Virtual,
}
