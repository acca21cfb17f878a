namespace Portal.Domain.Library;

/// <summary>A conversion a deployment needs: the artifact to start from and the format the platform takes.</summary>
public sealed record ArtifactConversion(Guid SourceArtifactId, DiskFormat From, DiskFormat To)
{
    /// <summary>"VMDK → qcow2".</summary>
    public override string ToString() => $"{DisplayNames.Of(From)} → {DisplayNames.Of(To)}";
}
