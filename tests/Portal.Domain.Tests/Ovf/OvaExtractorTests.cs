using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Library;
using Portal.Domain.Library.Ovf;
using Portal.Domain.Validation;

namespace Portal.Domain.Tests.Ovf;

/// <summary>The second pass over real tar archives written with System.Formats.Tar: entries, disks, the manifest.</summary>
public sealed class OvaExtractorTests : IDisposable
{
    private const string DiskName = "web-01-disk1.vmdk";

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"ova-test-{Guid.NewGuid():N}");

    private static readonly byte[] Descriptor = Encoding.UTF8.GetBytes(OvfSamples.VMware());

    private static readonly byte[] Disk = RandomNumberGenerator.GetBytes(10_000);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static TarEntry File(string name, byte[] content) =>
        new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };

    private static byte[] Ova(params TarEntry[] entries)
    {
        using var stream = new MemoryStream();
        using (var tar = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                tar.WriteEntry(entry);
            }
        }

        return stream.ToArray();
    }

    private static string Line(string algorithm, string name, byte[] content) => algorithm switch
    {
        "SHA1" => $"SHA1({name})= {Convert.ToHexStringLower(SHA1.HashData(content))}\n",
        "SHA512" => $"SHA512({name})= {Convert.ToHexStringLower(SHA512.HashData(content))}\n",
        _ => $"SHA256({name})= {Convert.ToHexStringLower(SHA256.HashData(content))}\n",
    };

    private static TarEntry Manifest(string text) => File("web-01.mf", Encoding.UTF8.GetBytes(text));

    private static string GoodManifest(string algorithm = "SHA256") => Line(algorithm, "web-01.ovf", Descriptor) + Line(algorithm, DiskName, Disk);

    private async Task<ValidationResult<MasterImage>> ExtractAsync(byte[] ova)
    {
        var root = new Uri(folder + Path.DirectorySeparatorChar);
        var options = OvfSamples.Options() with { ArtifactBaseUri = root };
        var imported = OvfImporter.ImportPackage(new MemoryStream(ova), options);
        Assert.True(imported.IsValid, OvfSamples.Errors(imported));
        Directory.CreateDirectory(folder);
        return await OvaExtractor.ExtractAsync(new MemoryStream(ova), imported.Value, root, folder, Token);
    }

    private async Task<string> RefusedAsync(byte[] ova)
    {
        var result = await ExtractAsync(ova);
        Assert.False(result.IsValid, "The OVA should have been refused.");
        return OvfSamples.Errors(result);
    }

    [Theory]
    [InlineData("SHA1")]
    [InlineData("SHA256")]
    [InlineData("SHA512")]
    public async Task A_package_whose_manifest_matches_imports_with_the_disk_written_and_hashed(string algorithm)
    {
        var result = await ExtractAsync(Ova(File("web-01.ovf", Descriptor), Manifest(GoodManifest(algorithm)), File(DiskName, Disk)));

        Assert.True(result.IsValid, OvfSamples.Errors(result));
        var artifact = Assert.Single(result.Value.Artifacts);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Disk)), artifact.Sha256);
        Assert.Equal(Disk.Length, artifact.SizeBytes);
        Assert.True(artifact.Location.IsFile);
        Assert.Equal(Disk, await System.IO.File.ReadAllBytesAsync(artifact.Location.LocalPath, Token));
    }

    [Fact]
    public async Task A_tampered_disk_with_the_manifest_unchanged_is_refused_naming_the_file()
    {
        var tampered = (byte[])Disk.Clone();
        tampered[5000] ^= 0xFF;

        var messages = await RefusedAsync(Ova(File("web-01.ovf", Descriptor), Manifest(GoodManifest()), File(DiskName, tampered)));

        Assert.Contains($"'{DiskName}' does not match its SHA256 digest in web-01.mf (line 2)", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_after_the_disks_is_verified_too()
    {
        var tampered = (byte[])Disk.Clone();
        tampered[0] ^= 1;

        var messages = await RefusedAsync(Ova(File("web-01.ovf", Descriptor), File(DiskName, tampered), Manifest(GoodManifest("SHA1"))));

        Assert.Contains($"'{DiskName}' does not match its SHA1 digest", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_descriptor_is_refused_by_the_manifest()
    {
        var manifest = Line("SHA256", "web-01.ovf", Encoding.UTF8.GetBytes("the original")) + Line("SHA256", DiskName, Disk);

        var messages = await RefusedAsync(Ova(File("web-01.ovf", Descriptor), Manifest(manifest), File(DiskName, Disk)));

        Assert.Contains("'web-01.ovf' does not match its SHA256 digest in web-01.mf (line 1)", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_naming_a_file_not_in_the_package_is_refused()
    {
        var manifest = GoodManifest() + Line("SHA256", "web-01-disk2.vmdk", Disk);

        var messages = await RefusedAsync(Ova(File("web-01.ovf", Descriptor), Manifest(manifest), File(DiskName, Disk)));

        Assert.Contains("Line 3 of web-01.mf names 'web-01-disk2.vmdk', which is not in the OVA", messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MD5(web-01.ovf)= 0123456789abcdef0123456789abcdef\n", "is not 'SHA1(file)= digest'")]
    [InlineData("SHA256(web-01.ovf)= 0123\n", "a SHA256 digest is 64 hexadecimal digits, not 4")]
    [InlineData("this is not a manifest\n", "is not 'SHA1(file)= digest'")]
    public async Task A_malformed_manifest_line_is_refused_with_its_line_number(string bad, string reason)
    {
        var manifest = Line("SHA256", DiskName, Disk) + bad;

        var messages = await RefusedAsync(Ova(File("web-01.ovf", Descriptor), Manifest(manifest), File(DiskName, Disk)));

        Assert.Contains("Line 2 of web-01.mf", messages, StringComparison.Ordinal);
        Assert.Contains(reason, messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_that_leaves_a_disk_out_is_refused()
    {
        var messages = await RefusedAsync(Ova(File("web-01.ovf", Descriptor), Manifest(Line("SHA256", "web-01.ovf", Descriptor)), File(DiskName, Disk)));

        Assert.Contains($"web-01.mf has no digest for '{DiskName}'", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_disk_is_refused()
    {
        var messages = await RefusedAsync(Ova(File("web-01.ovf", Descriptor)));

        Assert.Contains($"The descriptor references '{DiskName}', which is not in the OVA", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symlinked_disk_is_refused()
    {
        var link = new UstarTarEntry(TarEntryType.SymbolicLink, DiskName) { LinkName = "/etc/shadow" };

        var messages = await RefusedAsync(Ova(File("web-01.ovf", Descriptor), link));

        Assert.Contains($"'{DiskName}' is a symbolic link to '/etc/shadow'", messages, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(Path.Combine(folder, DiskName)));
    }

    [Fact]
    public async Task A_hard_linked_disk_is_refused()
    {
        var link = new UstarTarEntry(TarEntryType.HardLink, DiskName) { LinkName = "web-01.ovf" };

        var messages = await RefusedAsync(Ova(File("web-01.ovf", Descriptor), link));

        Assert.Contains($"'{DiskName}' is a hard link to 'web-01.ovf'", messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TarEntryType.Fifo)]
    [InlineData(TarEntryType.CharacterDevice)]
    [InlineData(TarEntryType.BlockDevice)]
    public async Task A_special_entry_is_refused(TarEntryType type)
    {
        var special = new UstarTarEntry(type, "dev-null");

        var messages = await RefusedAsync(Ova(File("web-01.ovf", Descriptor), special, File(DiskName, Disk)));

        Assert.Contains($"'dev-null' is a {type} entry; an OVA holds regular files only", messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../escape.vmdk", "climb above the package")]
    [InlineData("/etc/cron.d/evil", "absolute path")]
    public async Task An_entry_named_outside_the_package_is_refused(string name, string reason)
    {
        var messages = await RefusedAsync(Ova(File("web-01.ovf", Descriptor), File(name, Disk), File(DiskName, Disk)));

        Assert.Contains(reason, messages, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(Path.GetFullPath(Path.Combine(folder, "../../escape.vmdk"))));
    }

    [Fact]
    public async Task A_file_given_twice_is_refused()
    {
        var messages = await RefusedAsync(Ova(File("web-01.ovf", Descriptor), File(DiskName, Disk), File("./" + DiskName, Disk)));

        Assert.Contains("appears twice in the OVA", messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public async Task A_truncated_ova_is_refused_with_the_reason_and_no_exception(double keep)
    {
        var whole = Ova(File("web-01.ovf", Descriptor), File(DiskName, Disk), File("web-01.mf", Encoding.UTF8.GetBytes(GoodManifest())));
        var truncated = whole[..(int)(whole.Length * keep)];

        var messages = await RefusedAsync(truncated);

        Assert.Contains("truncated", messages, StringComparison.Ordinal);
    }
}
