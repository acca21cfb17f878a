using Portal.Domain.Library;
using Portal.Provisioning.Conversion;
using Portal.Provisioning.Drivers;
using Portal.Testing;

namespace Portal.Provisioning.Tests.Conversion;

/// <summary>The converter a deployment's "convert image" step uses: qemu-img into the library's folder, with lineage.</summary>
public sealed class QemuImageConverterTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_converted_artifact_is_a_new_artifact_of_the_image_pointing_at_its_source()
    {
        var source = Path.Combine(folder.Path, "source.raw");
        QemuImgFixture.WriteRawImage(source);
        var imageId = Guid.NewGuid();
        var artifact = new ImageArtifact
        {
            Id = Guid.NewGuid(), Format = DiskFormat.Raw, SizeBytes = QemuImgFixture.ImageSize, Location = new Uri(source),
            Provenance = new Provenance(CaptureSource.Physical, PlatformTechnology.Pxe, "r750-07", DateTimeOffset.UtcNow),
        };
        var converter = new QemuImageConverter(QemuImgFixture.Create(), Path.Combine(folder.Path, "library"));

        var converted = await converter.ConvertAsync("deployment-1:convert:2", imageId, artifact, DiskFormat.Vmdk, null, Token);
        var again = await converter.ConvertAsync("deployment-1:convert:2", imageId, artifact, DiskFormat.Vmdk, null, Token);

        Assert.Equal(artifact.Id, converted.ConvertedFrom);
        Assert.Equal(artifact.Provenance, converted.Provenance);
        Assert.Equal(DiskFormat.Vmdk, converted.Format);
        Assert.StartsWith(Path.Combine(folder.Path, "library", imageId.ToString("D")), converted.Location.LocalPath, StringComparison.Ordinal);
        Assert.Equal(64, converted.Sha256!.Length);
        Assert.Equal(converted, again);
        Assert.Equal(DiskFormat.Vmdk, (await QemuImgFixture.Create().InfoAsync(converted.Location.LocalPath, Token)).Format);
    }

    [Fact]
    public async Task An_artifact_that_is_not_a_local_file_is_refused_with_its_location()
    {
        var converter = new QemuImageConverter(QemuImgFixture.Create(), folder.Path);
        var remote = new ImageArtifact
        {
            Id = Guid.NewGuid(), Format = DiskFormat.Raw, SizeBytes = 1, Location = new Uri("https://images.lab/x.raw"),
            Provenance = new Provenance(CaptureSource.Virtual, PlatformTechnology.Kvm, null, DateTimeOffset.UtcNow),
        };

        var error = await Assert.ThrowsAsync<DriverException>(() => converter.ConvertAsync("k", Guid.NewGuid(), remote, DiskFormat.Qcow2, null, Token));

        Assert.Contains("https://images.lab/x.raw", error.Message, StringComparison.Ordinal);
    }
}
