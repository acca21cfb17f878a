using Portal.Domain.Library;

namespace Portal.Domain.Tests.Library;

public sealed class MasterImageTests
{
    [Fact]
    public void A_draft_publishes_then_deprecates_then_retires()
    {
        var image = Samples.Image() with { Lifecycle = ImageLifecycle.Draft };
        Assert.False(image.IsRequestable);

        var published = image.MoveTo(ImageLifecycle.Published).Value;
        Assert.True(published.IsRequestable);

        var deprecated = published.MoveTo(ImageLifecycle.Deprecated).Value;
        Assert.False(deprecated.IsRequestable);
        Assert.Equal(ImageLifecycle.Retired, deprecated.MoveTo(ImageLifecycle.Retired).Value.Lifecycle);
    }

    [Theory]
    [InlineData(ImageLifecycle.Published, ImageLifecycle.Draft)]
    [InlineData(ImageLifecycle.Retired, ImageLifecycle.Published)]
    [InlineData(ImageLifecycle.Deprecated, ImageLifecycle.Published)]
    public void The_lifecycle_only_moves_forward(ImageLifecycle from, ImageLifecycle to)
    {
        var result = (Samples.Image() with { Lifecycle = from }).MoveTo(to);

        Assert.Equal("lifecycle", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void An_invalid_draft_cannot_be_published()
    {
        var image = Samples.Image() with { Lifecycle = ImageLifecycle.Draft, Name = "", Artifacts = [] };

        var fields = image.MoveTo(ImageLifecycle.Published).Errors.Select(e => e.Field).ToList();

        Assert.Contains("name", fields);
        Assert.Contains("artifacts", fields);
    }

    [Fact]
    public void Lineage_must_point_at_an_artifact_of_the_same_image()
    {
        var orphan = Samples.Artifact(DiskFormat.Qcow2, CaptureSource.Physical, PlatformTechnology.Pxe, convertedFrom: Guid.NewGuid());

        var image = Samples.Image(Samples.Artifact(DiskFormat.Raw, CaptureSource.Physical, PlatformTechnology.Pxe), orphan);

        Assert.Contains(image.Validate(), e => e.Field == "artifacts[1].convertedFrom");
    }

    [Fact]
    public void The_original_artifact_is_the_one_nothing_was_converted_from()
    {
        var raw = Samples.Artifact(DiskFormat.Raw, CaptureSource.Physical, PlatformTechnology.Pxe);
        var qcow = Samples.Artifact(DiskFormat.Qcow2, CaptureSource.Physical, PlatformTechnology.Pxe, raw.Id);

        Assert.Same(raw, Samples.Image(qcow, raw).Original);
    }
}
