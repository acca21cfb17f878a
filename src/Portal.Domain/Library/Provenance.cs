namespace Portal.Domain.Library;

/// <summary>Where an artifact's content came from: a physical or virtual source, on which technology, when.</summary>
public sealed record Provenance(
    CaptureSource CapturedFrom,
    PlatformTechnology SourceTechnology,
    string? SourceServer,
    DateTimeOffset CapturedAt)
{
    /// <summary>"captured from a physical server via PXE (r750-07)".</summary>
    public string Describe() =>
        $"captured from a {(CapturedFrom == CaptureSource.Physical ? "physical server" : "virtual machine")} via {DisplayNames.Of(SourceTechnology)}" +
        (string.IsNullOrWhiteSpace(SourceServer) ? "" : $" ({SourceServer})");
}
