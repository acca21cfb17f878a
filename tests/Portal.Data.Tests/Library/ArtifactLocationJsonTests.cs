using System.Text.Json;
using Portal.Data.Library;
using Portal.Domain.Library;

namespace Portal.Data.Tests.Library;

/// <summary>
/// Artifact locations in image documents: written absolute, so a location made from a local path reads back as the
/// file URI every reader (boot endpoints, converters, drivers) can open; documents stored with a bare path still read.
/// </summary>
public sealed class ArtifactLocationJsonTests
{
    private static ImageArtifact Artifact(Uri location) => new()
    {
        Id = Guid.NewGuid(),
        Format = DiskFormat.Raw,
        SizeBytes = 1024,
        Location = location,
        Provenance = new Provenance(CaptureSource.Virtual, PlatformTechnology.Kvm, null, DateTimeOffset.UnixEpoch),
    };

    private static ImageArtifact RoundTrip(ImageArtifact artifact) =>
        JsonSerializer.Deserialize<ImageArtifact>(JsonSerializer.Serialize(artifact, LibraryJson.Options), LibraryJson.Options)!;

    [Fact]
    public void A_location_made_from_a_local_path_is_stored_as_an_absolute_file_uri_and_reads_back_openable()
    {
        var path = Path.Combine(Path.GetTempPath(), "images", "disk one.img");

        var json = JsonSerializer.Serialize(Artifact(new Uri(path)), LibraryJson.Options);
        var back = RoundTrip(Artifact(new Uri(path)));

        Assert.Contains("\"location\":\"file:///", json, StringComparison.Ordinal);
        Assert.True(back.Location.IsAbsoluteUri);
        Assert.True(back.Location.IsFile);
        Assert.Equal(path, back.Location.LocalPath);
    }

    [Fact]
    public void A_bare_absolute_path_stored_before_is_read_as_the_file_uri_it_meant()
    {
        var path = Path.Combine(Path.GetTempPath(), "legacy.qcow2");
        var json = JsonSerializer.Serialize(Artifact(new Uri("file:///placeholder")), LibraryJson.Options)
            .Replace("file:///placeholder", path.Replace("\\", "\\\\", StringComparison.Ordinal), StringComparison.Ordinal);

        var back = JsonSerializer.Deserialize<ImageArtifact>(json, LibraryJson.Options)!;

        Assert.True(back.Location.IsFile);
        Assert.Equal(path, back.Location.LocalPath);
    }

    [Theory]
    [InlineData("https://store.example/images/web.vmdk")]
    [InlineData("sim://library/abc/def.raw")]
    [InlineData("urn:portal:awaiting-upload:disk1.vmdk")]
    public void Other_absolute_uris_round_trip_unchanged(string uri)
    {
        Assert.Equal(new Uri(uri), RoundTrip(Artifact(new Uri(uri))).Location);
    }

    [Fact]
    public void A_relative_location_reads_back_relative_and_the_image_refuses_it()
    {
        var back = RoundTrip(Artifact(new Uri("disk1.img", UriKind.Relative)));

        Assert.False(back.Location.IsAbsoluteUri);
        Assert.Contains(back.Validate("artifacts[0]"), e => e.Field == "artifacts[0].location");
    }
}
