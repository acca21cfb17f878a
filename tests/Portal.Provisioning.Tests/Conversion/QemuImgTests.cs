using System.Security.Cryptography;
using Portal.Domain.Library;
using Portal.Provisioning.Conversion;
using Portal.Testing;

namespace Portal.Provisioning.Tests.Conversion;

public sealed class QemuImgTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    private CancellationToken Token => TestContext.Current.CancellationToken;

    private string PathOf(string name) => Path.Combine(folder.Path, name);

    private ConversionRequest Request(string source, DiskFormat from, DiskFormat to, string target) => new()
    {
        SourcePath = PathOf(source),
        SourceFormat = from,
        TargetFormat = to,
        TargetPath = PathOf(target),
    };

    [Fact]
    public async Task Converting_through_every_format_and_back_to_raw_keeps_every_byte()
    {
        var qemuImg = QemuImgFixture.Create();
        var original = QemuImgFixture.WriteRawImage(PathOf("disk.raw"));
        (DiskFormat Format, string Name)[] chain =
        [
            (DiskFormat.Raw, "disk.raw"), (DiskFormat.Qcow2, "disk.qcow2"), (DiskFormat.Vmdk, "disk.vmdk"), (DiskFormat.Vhdx, "disk.vhdx"),
            (DiskFormat.Vdi, "disk.vdi"), (DiskFormat.Vpc, "disk.vhd"), (DiskFormat.Raw, "final.raw"),
        ];

        for (var i = 1; i < chain.Length; i++)
        {
            await qemuImg.ConvertAsync(Request(chain[i - 1].Name, chain[i - 1].Format, chain[i].Format, chain[i].Name), cancellationToken: Token);
        }

        // VHD (vpc) can round a disk up to a cylinder/head/sector geometry, which appends zeros. QemuImg asks for the
        // exact size (force_size), but what matters here is the guest's data: the original length's worth of bytes.
        var final = await File.ReadAllBytesAsync(PathOf("final.raw"), Token);
        Assert.True(final.Length >= original.Length, $"The final raw image has {final.Length} bytes, fewer than the original {original.Length}.");
        Assert.Equal(Convert.ToHexString(SHA256.HashData(original)), Convert.ToHexString(SHA256.HashData(final.AsSpan(0, original.Length))));
    }

    [Fact]
    public async Task Progress_rises_from_what_qemu_img_prints_and_ends_at_one()
    {
        var qemuImg = QemuImgFixture.Create();
        QemuImgFixture.WriteRawImage(PathOf("disk.raw"));
        var progress = new RecordingProgress();

        await qemuImg.ConvertAsync(Request("disk.raw", DiskFormat.Raw, DiskFormat.Qcow2, "disk.qcow2"), progress, Token);

        var reports = progress.Reports;
        Assert.True(reports.Count >= 2 && reports[0] < 1, $"Expected qemu-img's own reports before the final 1, got [{string.Join(", ", reports)}].");
        Assert.True(reports.Zip(reports.Skip(1)).All(pair => pair.First < pair.Second), $"Progress went backwards or repeated: [{string.Join(", ", reports)}].");
        Assert.Equal(1.0, reports[^1]);
    }

    [Fact]
    public async Task The_result_is_the_verified_target_with_its_size_and_hash()
    {
        var qemuImg = QemuImgFixture.Create();
        QemuImgFixture.WriteRawImage(PathOf("disk.raw"));

        var result = await qemuImg.ConvertAsync(Request("disk.raw", DiskFormat.Raw, DiskFormat.Vmdk, "disk.vmdk"), cancellationToken: Token);

        var expected = new ConvertedImage
        {
            Path = PathOf("disk.vmdk"),
            Format = DiskFormat.Vmdk,
            VirtualSizeBytes = QemuImgFixture.ImageSize,
            SizeBytes = new FileInfo(PathOf("disk.vmdk")).Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(PathOf("disk.vmdk"), Token))),
        };
        Assert.Equal(expected, result);
    }

    [Fact]
    public async Task A_vmdk_is_written_stream_optimized_as_ESXi_and_OVA_expect()
    {
        var qemuImg = QemuImgFixture.Create();
        QemuImgFixture.WriteRawImage(PathOf("disk.raw"));
        await qemuImg.ConvertAsync(Request("disk.raw", DiskFormat.Raw, DiskFormat.Vmdk, "disk.vmdk"), cancellationToken: Token);

        var info = await qemuImg.InfoAsync(PathOf("disk.vmdk"), Token);

        Assert.Equal((DiskFormat?)DiskFormat.Vmdk, info.Format);
        Assert.Equal(QemuImg.VmdkSubformat, info.Subformat);
    }

    [Fact]
    public async Task A_vhd_keeps_the_exact_virtual_size_instead_of_a_rounded_geometry()
    {
        var qemuImg = QemuImgFixture.Create();
        QemuImgFixture.WriteRawImage(PathOf("disk.raw"));

        var result = await qemuImg.ConvertAsync(Request("disk.raw", DiskFormat.Raw, DiskFormat.Vpc, "disk.vhd"), cancellationToken: Token);

        Assert.Equal(QemuImgFixture.ImageSize, result.VirtualSizeBytes);
    }

    [Fact]
    public async Task Info_reads_format_and_sizes()
    {
        var qemuImg = QemuImgFixture.Create();
        QemuImgFixture.WriteRawImage(PathOf("disk.raw"));
        QemuImgFixture.Run("convert", "-f", "raw", "-O", "qcow2", PathOf("disk.raw"), PathOf("disk.qcow2"));

        var info = await qemuImg.InfoAsync(PathOf("disk.qcow2"), Token);

        Assert.Equal(
            (DiskFormat.Qcow2, "qcow2", QemuImgFixture.ImageSize, true),
            (info.Format!.Value, info.FormatName, info.VirtualSizeBytes, info.ActualSizeBytes > 0 && info.ActualSizeBytes < QemuImgFixture.ImageSize));
    }

    [Fact]
    public async Task Converting_again_returns_the_existing_target_without_rewriting_it()
    {
        var qemuImg = QemuImgFixture.Create();
        QemuImgFixture.WriteRawImage(PathOf("disk.raw"));
        var request = Request("disk.raw", DiskFormat.Raw, DiskFormat.Vhdx, "disk.vhdx");
        var first = await qemuImg.ConvertAsync(request, cancellationToken: Token);
        // Set far in the past, so a rewrite within the file system's timestamp granularity still shows.
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(first.Path, stamp);

        var second = await qemuImg.ConvertAsync(request, cancellationToken: Token);

        Assert.Equal((stamp, first), (File.GetLastWriteTimeUtc(second.Path), second));
    }

    [Fact]
    public async Task A_target_that_is_not_the_expected_image_is_replaced()
    {
        var qemuImg = QemuImgFixture.Create();
        QemuImgFixture.WriteRawImage(PathOf("disk.raw"));
        await File.WriteAllTextAsync(PathOf("disk.qcow2"), "left over from something else", Token);

        await qemuImg.ConvertAsync(Request("disk.raw", DiskFormat.Raw, DiskFormat.Qcow2, "disk.qcow2"), cancellationToken: Token);

        Assert.Equal((DiskFormat?)DiskFormat.Qcow2, (await qemuImg.InfoAsync(PathOf("disk.qcow2"), Token)).Format);
    }

    [Fact]
    public async Task A_corrupt_source_fails_with_a_message_naming_the_file()
    {
        var qemuImg = QemuImgFixture.Create();
        await File.WriteAllTextAsync(PathOf("broken.qcow2"), "this is not a qcow2 image", Token);

        var error = await Assert.ThrowsAsync<QemuImgException>(() =>
            qemuImg.ConvertAsync(Request("broken.qcow2", DiskFormat.Qcow2, DiskFormat.Raw, "out.raw"), cancellationToken: Token));

        Assert.Contains(PathOf("broken.qcow2"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_with_a_backing_file_is_refused()
    {
        var qemuImg = QemuImgFixture.Create();
        QemuImgFixture.WriteRawImage(PathOf("base.raw"));
        QemuImgFixture.Run("create", "-f", "qcow2", "-b", PathOf("base.raw"), "-F", "raw", PathOf("overlay.qcow2"));

        var error = await Assert.ThrowsAsync<QemuImgException>(() =>
            qemuImg.ConvertAsync(Request("overlay.qcow2", DiskFormat.Qcow2, DiskFormat.Raw, "out.raw"), cancellationToken: Token));

        Assert.Contains("backing file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DiskFormat.Raw, DiskFormat.Wim)]
    [InlineData(DiskFormat.Wim, DiskFormat.Raw)]
    public async Task Wim_is_refused_before_any_process_starts(DiskFormat from, DiskFormat to)
    {
        // An executable that cannot start: reaching it would fail with a different exception.
        var qemuImg = QemuImgFixture.Create(PathOf("no-such-qemu-img"));

        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            qemuImg.ConvertAsync(Request("disk", from, to, "out"), cancellationToken: Token));

        Assert.Contains("WIM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_running_conversion_leaves_no_file_behind()
    {
        var qemuImg = QemuImgFixture.Create();
        QemuImgFixture.WriteRawImage(PathOf("disk.raw"));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        // Cancelled from qemu-img's first progress line, i.e. while the process is running.
        var progress = new RecordingProgress(_ => cancellation.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            qemuImg.ConvertAsync(Request("disk.raw", DiskFormat.Raw, DiskFormat.Qcow2, "disk.qcow2"), progress, cancellation.Token));

        Assert.Equal(["disk.raw"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_missing_qemu_img_says_which_package_to_install()
    {
        var qemuImg = QemuImgFixture.Create(PathOf("no-such-qemu-img"));

        var error = await Assert.ThrowsAsync<QemuImgException>(() => qemuImg.InfoAsync(PathOf("disk.raw"), Token));

        Assert.Contains("qemu-utils", error.Message, StringComparison.Ordinal);
    }
}
