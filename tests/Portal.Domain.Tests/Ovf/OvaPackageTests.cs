using System.Formats.Tar;
using System.Text;
using Portal.Domain.Library;
using Portal.Domain.Library.Ovf;

namespace Portal.Domain.Tests.Ovf;

public sealed class OvaPackageTests
{
    /// <summary>An OVA as ovftool writes it: the descriptor first, then the disks, in a ustar archive.</summary>
    private static MemoryStream Ova(params (string Name, byte[] Content)[] entries)
    {
        var stream = new MemoryStream();
        using (var tar = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
            }
        }

        stream.Position = 0;
        return stream;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Ova_with_a_descriptor_and_a_vmdk_imports_the_descriptor()
    {
        using var ova = Ova(("web-01.ovf", Utf8(OvfSamples.VMware())), ("web-01-disk1.vmdk", new byte[4096]));

        var result = OvfImporter.ImportPackage(ova, OvfSamples.Options());

        Assert.True(result.IsValid, OvfSamples.Errors(result));
        Assert.Equal(DiskFormat.Vmdk, Assert.Single(result.Value.Artifacts).Format);
    }

    [Fact]
    public void The_first_ovf_entry_is_the_descriptor_even_after_other_files()
    {
        using var ova = Ova(("README.txt", Utf8("hello")), ("web-01.ovf", Utf8(OvfSamples.VMware())), ("other.ovf", Utf8("<broken")));

        var result = OvfImporter.ImportPackage(ova, OvfSamples.Options());

        Assert.True(result.IsValid, OvfSamples.Errors(result));
    }

    [Fact]
    public void Plain_xml_given_to_ImportPackage_is_read_as_a_descriptor()
    {
        using var xml = new MemoryStream(Utf8(OvfSamples.VirtualBox()));

        var result = OvfImporter.ImportPackage(xml, OvfSamples.Options());

        Assert.True(result.IsValid, OvfSamples.Errors(result));
    }

    [Fact]
    public void Ova_without_a_descriptor_is_refused()
    {
        using var ova = Ova(("disk1.vmdk", new byte[1024]));

        var result = OvfImporter.ImportPackage(ova, OvfSamples.Options());

        Assert.Contains("holds no .ovf descriptor", OvfSamples.Errors(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Ova_descriptor_entry_larger_than_the_cap_is_refused_without_reading_it()
    {
        using var ova = Ova(("web-01.ovf", Utf8(OvfSamples.VMware())));
        var options = OvfSamples.Options() with { MaxDescriptorBytes = 2048 };

        var result = OvfImporter.ImportPackage(ova, options);

        Assert.Contains("larger than 2 KiB", OvfSamples.Errors(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Ova_is_not_read_past_the_scan_cap_looking_for_its_descriptor()
    {
        using var ova = Ova(("disk1.vmdk", new byte[256 * 1024]), ("web-01.ovf", Utf8(OvfSamples.VMware())));
        var options = OvfSamples.Options() with { MaxPackageBytesScanned = 64 * 1024 };

        var result = OvfImporter.ImportPackage(ova, options);

        Assert.Contains("No .ovf descriptor within the first 64 KiB", OvfSamples.Errors(result), StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_ova_is_refused_as_unreadable()
    {
        using var full = Ova(("disk1.vmdk", new byte[8192]), ("web-01.ovf", Utf8(OvfSamples.VMware())));
        using var truncated = new MemoryStream(full.ToArray()[..2048]);

        var result = OvfImporter.ImportPackage(truncated, OvfSamples.Options());

        Assert.False(result.IsValid, "A truncated archive should not import.");
    }
}
