using System.Formats.Tar;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Portal.Web.Tests.Library;

/// <summary>OVF download and OVF/OVA upload over HTTP, on a portal of their own.</summary>
public sealed partial class LibraryOvfApiTests(LibraryApiTests.App app) : IClassFixture<LibraryApiTests.App>
{
    private const string DebianId = "1d0c0000-0000-4000-8000-000000000004";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_image_downloads_as_an_ovf_descriptor()
    {
        using var client = await app.ClientAsync("requester@portal.local");

        using var response = await client.GetAsync($"/api/images/{DebianId}/ovf", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Debian-12-minimal-12.7.ovf", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var xml = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("http://schemas.dmtf.org/ovf/envelope/1", xml, StringComparison.Ordinal);
        Assert.Contains("VirtualHardwareSection", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uploaded_descriptor_becomes_a_draft_image()
    {
        using var admin = await app.ClientAsync("admin@portal.local");
        var ovf = (await admin.GetStringAsync($"/api/images/{DebianId}/ovf", Token)).Replace("Debian 12 minimal", "Debian 12 imported", StringComparison.Ordinal);

        using var response = await admin.PostAsync("/api/images/import/ovf?fileName=debian.ovf", new StringContent(ovf, Encoding.UTF8, "application/xml"), Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!;
        var image = await admin.GetFromJsonAsync<JsonObject>($"/api/images/{id}", Token);
        Assert.Equal("Debian 12 imported", (string)image!["name"]!);
        Assert.Equal("Draft", (string)image["lifecycle"]!);
        Assert.Equal("admin@portal.local", (string)image["owner"]!);
    }

    [Fact]
    public async Task An_uploaded_ova_keeps_its_disk_with_the_real_size_and_hash()
    {
        using var admin = await app.ClientAsync("admin@portal.local");
        var ovf = Sha256Attribute().Replace((await admin.GetStringAsync($"/api/images/{DebianId}/ovf", Token)).Replace("Debian 12 minimal", "Debian 12 from OVA", StringComparison.Ordinal), "");
        var href = HrefPattern().Match(ovf).Groups[1].Value;
        var disk = RandomNumberGenerator.GetBytes(64 * 1024);

        using var response = await admin.PostAsync("/api/images/import/ovf?fileName=debian.ova", new ByteArrayContent(Ova(ovf, href, disk)), Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!;
        var artifact = (await admin.GetFromJsonAsync<JsonObject>($"/api/images/{id}", Token))!["artifacts"]![0]!;
        Assert.Equal(disk.Length, (long)artifact["sizeBytes"]!);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(disk)), (string)artifact["sha256"]!);
        Assert.Equal(disk, await File.ReadAllBytesAsync(new Uri((string)artifact["location"]!).LocalPath, Token));
    }

    [Fact]
    public async Task A_descriptor_with_a_dtd_is_refused_and_nothing_is_saved()
    {
        using var admin = await app.ClientAsync("admin@portal.local");
        var before = (int)(await admin.GetFromJsonAsync<JsonObject>("/api/images", Token))!["totalCount"]!;
        const string hostile = "<?xml version=\"1.0\"?>\n<!DOCTYPE Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\">&xxe;</Envelope>";

        using var response = await admin.PostAsync("/api/images/import/ovf", new StringContent(hostile, Encoding.UTF8, "application/xml"), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("DTD", body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        Assert.Equal(before, (int)(await admin.GetFromJsonAsync<JsonObject>("/api/images", Token))!["totalCount"]!);
    }

    [Fact]
    public async Task Importing_an_image_that_already_exists_is_refused_on_its_version()
    {
        using var admin = await app.ClientAsync("admin@portal.local");
        var ovf = await admin.GetStringAsync($"/api/images/{DebianId}/ovf", Token);

        using var response = await admin.PostAsync("/api/images/import/ovf", new StringContent(ovf, Encoding.UTF8, "application/xml"), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!.AsObject().ContainsKey("version"));
    }

    [Fact]
    public async Task A_requester_cannot_import()
    {
        using var requester = await app.ClientAsync("requester@portal.local");

        using var response = await requester.PostAsync("/api/images/import/ovf", new StringContent("<Envelope/>", Encoding.UTF8, "application/xml"), Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static byte[] Ova(string ovf, string diskName, byte[] disk)
    {
        using var package = new MemoryStream();
        using (var tar = new TarWriter(package, TarEntryFormat.Ustar, leaveOpen: true))
        {
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "appliance.ovf") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(ovf)) });
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, diskName) { DataStream = new MemoryStream(disk) });
        }

        return package.ToArray();
    }

    [GeneratedRegex("ovf:href=\"([^\"]+)\"")]
    private static partial Regex HrefPattern();

    /// <summary>The SHA-256 our exporter records for the seeded disk, whose bytes the test does not have (its disk is random).</summary>
    [GeneratedRegex(" (portal:)?sha256=\"[0-9a-f]{64}\"")]
    private static partial Regex Sha256Attribute();
}
