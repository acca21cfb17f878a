namespace Portal.Domain.Library;

/// <summary>
/// Whether an image can deploy to a platform, and how: the artifact to use, the conversion it needs, the
/// route (P2V, V2V…). When it cannot, every reason is listed, not only the first.
/// </summary>
public sealed record CompatibilityReport(
    Platform Platform,
    IReadOnlyList<CompatibilityReason> Reasons,
    ImageArtifact? Artifact,
    ArtifactConversion? Conversion,
    MigrationRoute? Route,
    IReadOnlyList<string> Notes)
{
    public bool Compatible => Reasons.Count == 0;

    public bool Has(CompatibilityIssue issue) => Reasons.Any(r => r.Issue == issue);
}
