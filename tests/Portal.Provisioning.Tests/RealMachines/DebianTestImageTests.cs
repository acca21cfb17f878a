using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Portal.Testing;

namespace Portal.Provisioning.Tests.RealMachines;

/// <summary>
/// The Debian guest image tests/images/build-debian-image.sh builds, checked on its bytes without booting it: the
/// qcow2 file, Debian's cloud-image partition layout and GRUB's boot code pointing at its core image. And the
/// fixture's messages when the image or the host is missing. (Booting it is <see cref="DebianTestImageBootTests"/>.)
/// </summary>
public sealed class DebianTestImageTests
{
    private const string LinuxRootType = "0fc63daf-8483-4772-8e79-3d69d8477de4";
    private const string BiosBootType = "21686148-6449-6e6f-744e-656564454649";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_image_is_a_2_GiB_qcow2_with_a_root_partition_last_and_GRUB_for_BIOS()
    {
        var host = await RealLibvirt.RequireAsync(Token);
        Assert.Equal(2L << 30, host.DebianImageVirtualSize);

        using var folder = new TempDirectory();
        var head = await FirstTwoMebibytesAsync(host.DebianImagePath, folder.Path);

        // Sector 0: GRUB's boot code (it names itself), the LBA of its core image at 0x5c, a protective MBR.
        Assert.Contains("GRUB ", Encoding.ASCII.GetString(head, 0, 440), StringComparison.Ordinal);
        var coreSector = BinaryPrimitives.ReadInt64LittleEndian(head.AsSpan(0x5c));
        Assert.Equal(0xEE, head[446 + 4]);
        Assert.Equal(0xAA55, BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(510)));

        // GPT: partition 1 is the root file system and ends the disk (growpart grows it), 14 holds GRUB's core.
        Assert.Equal("EFI PART", Encoding.ASCII.GetString(head, 512, 8));
        var entries = BinaryPrimitives.ReadInt64LittleEndian(head.AsSpan(512 + 72));
        var entrySize = BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(512 + 84));
        var lastUsable = BinaryPrimitives.ReadInt64LittleEndian(head.AsSpan(512 + 48));
        (string Type, long First, long Last) Entry(int number)
        {
            var at = (int)(entries * 512) + (number - 1) * entrySize;
            return (new Guid(head.AsSpan(at, 16)).ToString(),
                BinaryPrimitives.ReadInt64LittleEndian(head.AsSpan(at + 32)),
                BinaryPrimitives.ReadInt64LittleEndian(head.AsSpan(at + 40)));
        }

        var root = Entry(1);
        var bios = Entry(14);
        Assert.Equal(LinuxRootType, root.Type);
        // sfdisk ends it on a MiB boundary: less than a MiB short of the last usable sector.
        Assert.InRange(lastUsable - root.Last, 0, 2047);
        Assert.Equal(BiosBootType, bios.Type);
        Assert.True(bios.Last < root.First, "The BIOS boot partition must come before the root partition.");
        Assert.Equal(bios.First, coreSector);

        // GRUB's core image starts in the BIOS boot partition; its first sector reads the rest from the next one.
        Assert.True(coreSector * 512 + 512 <= head.Length, "GRUB's core image lies beyond the first 2 MiB.");
        var blocklist = head.AsSpan((int)(coreSector * 512) + 512 - 12);
        Assert.Equal(coreSector + 1, BinaryPrimitives.ReadInt64LittleEndian(blocklist));
        Assert.InRange(BinaryPrimitives.ReadUInt16LittleEndian(blocklist[8..]), 1, (int)(bios.Last - bios.First));
    }

    [Fact]
    public async Task Without_the_image_the_fixture_says_how_to_build_it()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RealLibvirt.RequireAsync(name => name switch
            {
                RealLibvirt.ImageVariable => "/nonexistent/debian12.qcow2",
                RealLibvirt.ImageErrorVariable => null,
                _ => Environment.GetEnvironmentVariable(name),
            }, Token));

        Assert.Contains("/nonexistent/debian12.qcow2", error.Message, StringComparison.Ordinal);
        Assert.Contains("tests/images/build-debian-image.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_build_failed_the_fixture_repeats_why()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RealLibvirt.RequireAsync(name => name switch
            {
                RealLibvirt.ImageVariable => null,
                RealLibvirt.ImageErrorVariable => "tests/images/build-debian-image.sh failed: mmdebstrap failed",
                _ => Environment.GetEnvironmentVariable(name),
            }, Token));

        Assert.Contains("mmdebstrap failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_libvirt_that_does_not_answer_is_named_with_what_to_start()
    {
        using var folder = new TempDirectory();
        var uri = $"qemu+unix:///system?socket={folder.Path}/no-daemon-here";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RealLibvirt.RequireAsync(name => name == RealLibvirt.UriVariable ? uri : Environment.GetEnvironmentVariable(name), Token));

        Assert.Contains(uri, error.Message, StringComparison.Ordinal);
        Assert.Contains("libvirtd -d", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The first 2 MiB of the disk (the partition tables and GRUB's core image) as the guest sees it (qcow2 decoded by qemu-img).</summary>
    private static async Task<byte[]> FirstTwoMebibytesAsync(string image, string folder)
    {
        var raw = Path.Combine(folder, "head.raw");
        var start = new ProcessStartInfo("qemu-img") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "dd", "-f", "qcow2", "-O", "raw", "bs=1M", "count=2", $"if={image}", $"of={raw}" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        Assert.True(process.ExitCode == 0, $"qemu-img dd failed: {error}");
        return await File.ReadAllBytesAsync(raw, Token);
    }
}
