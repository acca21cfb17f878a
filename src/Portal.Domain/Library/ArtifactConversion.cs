namespace Portal.Domain.Library;

/// <summary>A conversion a deployment needs: the artifact to start from and the format the platform takes.</summary>
public sealed record ArtifactConversion(Guid SourceArtifactId, DiskFormat From, DiskFormat To)
{
    public override string ToString() => $"{From} → {To}";
}
