namespace Portal.Domain.Library;

/// <summary>
/// An image instantiated for one deployment on one platform: the concrete hardware and software, the
/// artifact to write (and its conversion, when the platform needs another format), and the ordered steps.
/// </summary>
public sealed record DeploymentPlan(
    Guid ImageId,
    Platform Target,
    MigrationRoute Route,
    HardwareConfiguration Hardware,
    SoftwareConfiguration Software,
    ImageArtifact SourceArtifact,
    ArtifactConversion? Conversion,
    IReadOnlyList<DeploymentStep> Steps)
{
    /// <summary>The format written to the target: the converted one, or the artifact's own.</summary>
    public DiskFormat WrittenFormat => Conversion?.To ?? SourceArtifact.Format;
}
