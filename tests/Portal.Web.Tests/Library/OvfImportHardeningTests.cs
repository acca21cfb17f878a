using System.Formats.Tar;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Web.Hosting;

namespace Portal.Web.Tests.Library;

/// <summary>
/// Hostile OVF and OVA uploads over HTTP, as the issue tried them: each is refused with a 400 naming the reason,
/// and nothing changes (no image, no folder under the image store); names never reach the log raw. And the
/// descriptor-only import: a draft whose disks await their upload, which cannot be published or deployed until then.
/// </summary>
public sealed partial class OvfImportHardeningTests(OvfImportHardeningTests.App app) : IClassFixture<OvfImportHardeningTests.App>
{
    private const string DebianId = "1d0c0000-0000-4000-8000-000000000004";

    public sealed class App : IAsyncLifetime
    {
        private readonly PortalAppFactory root = new(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Portal.Web.Library"] = "Information",
            // Lower than the default 64, to show the caps come from configuration.
            ["Portal:Library:Ovf:MaxDisks"] = "2",
        });

        public WebApplicationFactory<Program> Factory { get; private set; } = null!;

        public LogCapture Logs { get; } = new();

        public HttpClient Admin { get; private set; } = null!;

        public string ImagesFolder => Factory.Services.GetRequiredService<PortalPaths>().Images;

        public async ValueTask InitializeAsync()
        {
            Factory = root.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(Logs)));
            Admin = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            await FormSignIn.SignInAsync(Admin, "admin@portal.local");
        }

        public async ValueTask DisposeAsync()
        {
            Admin.Dispose();
            await Factory.DisposeAsync();
            await root.DisposeAsync();
        }
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// Debian's export under another name, without the SHA-256 our exporter records for the seeded disk (whose bytes
    /// the tests do not have): the tests' disks are random bytes.
    /// </summary>
    private async Task<string> DebianOvfAsync(string newName, bool keepDigest = false)
    {
        var ovf = (await app.Admin.GetStringAsync($"/api/images/{DebianId}/ovf", Token)).Replace("Debian 12 minimal", newName, StringComparison.Ordinal);
        return keepDigest ? ovf : Sha256Attribute().Replace(ovf, "");
    }

    private static string HrefOf(string ovf) => HrefPattern().Match(ovf).Groups[1].Value;

    private async Task<(int Images, int Folders)> WorldAsync() => (
        (int)(await app.Admin.GetFromJsonAsync<JsonObject>("/api/images?pageSize=1", Token))!["totalCount"]!,
        Directory.Exists(app.ImagesFolder) ? Directory.GetDirectories(app.ImagesFolder).Length : 0);

    /// <summary>Posts the upload, expects a 400 whose body holds <paramref name="reason"/>, and that nothing changed.</summary>
    private async Task<string> RefusedAsync(HttpContent upload, string reason, string fileName = "hostile.ova")
    {
        var before = await WorldAsync();

        using var response = await app.Admin.PostAsync($"/api/images/import/ovf?fileName={Uri.EscapeDataString(fileName)}", upload, Token);

        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        Assert.Contains(reason, body, StringComparison.Ordinal);
        Assert.Equal(before, await WorldAsync());
        return body;
    }

    [Fact]
    public async Task A_percent_encoded_dot_segment_href_is_refused()
    {
        var ovf = await DebianOvfAsync("Debian href");
        var hostile = ovf.Replace($"ovf:href=\"{HrefOf(ovf)}\"", "ovf:href=\"%2e%2e/%2e%2e/etc/passwd\"", StringComparison.Ordinal);

        var body = await RefusedAsync(new StringContent(hostile, Encoding.UTF8, "application/xml"), "points outside the package");

        Assert.Contains("climb above the package", body, StringComparison.Ordinal);
        Assert.Matches(@"ovf:href of <(ovf:)?File> \(line \d+\)", body);
    }

    [Fact]
    public async Task A_tampered_ova_is_refused_naming_the_file_and_nothing_is_kept()
    {
        var ovf = Encoding.UTF8.GetBytes(await DebianOvfAsync("Debian tampered"));
        var href = HrefOf(Encoding.UTF8.GetString(ovf));
        var disk = RandomNumberGenerator.GetBytes(32 * 1024);
        var manifest = Encoding.UTF8.GetBytes(OvaPackages.Manifest(("debian.ovf", ovf), (href, disk)));
        var tampered = (byte[])disk.Clone();
        tampered[100] ^= 0x55;

        await RefusedAsync(new ByteArrayContent(OvaPackages.Build(("debian.ovf", ovf), ("debian.mf", manifest), (href, tampered))), $"'{href}' does not match its SHA256 digest in debian.mf");
    }

    [Fact]
    public async Task An_ova_whose_manifest_matches_imports()
    {
        var ovf = Encoding.UTF8.GetBytes(await DebianOvfAsync("Debian with manifest"));
        var href = HrefOf(Encoding.UTF8.GetString(ovf));
        var disk = RandomNumberGenerator.GetBytes(32 * 1024);
        var manifest = Encoding.UTF8.GetBytes(OvaPackages.Manifest(("debian.ovf", ovf), (href, disk)));

        using var response = await app.Admin.PostAsync("/api/images/import/ovf?fileName=debian.ova", new ByteArrayContent(OvaPackages.Build(("debian.ovf", ovf), ("debian.mf", manifest), (href, disk))), Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!;
        var artifact = (await app.Admin.GetFromJsonAsync<JsonObject>($"/api/images/{id}", Token))!["artifacts"]![0]!;
        var location = (string)artifact["location"]!;
        Assert.StartsWith("file:///", location, StringComparison.Ordinal);
        Assert.Equal(disk, await File.ReadAllBytesAsync(new Uri(location).LocalPath, Token));
        Assert.False((bool)artifact["awaitingUpload"]!);
    }

    [Fact]
    public async Task A_symlinked_disk_is_refused()
    {
        var ovf = Encoding.UTF8.GetBytes(await DebianOvfAsync("Debian symlink"));
        using var package = new MemoryStream();
        using (var tar = new TarWriter(package, TarEntryFormat.Ustar, leaveOpen: true))
        {
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "debian.ovf") { DataStream = new MemoryStream(ovf) });
            tar.WriteEntry(new UstarTarEntry(TarEntryType.SymbolicLink, HrefOf(Encoding.UTF8.GetString(ovf))) { LinkName = "/etc/passwd" });
        }

        await RefusedAsync(new ByteArrayContent(package.ToArray()), "is a symbolic link to '/etc/passwd'");
    }

    [Fact]
    public async Task An_ova_without_its_disk_is_refused()
    {
        var ovf = Encoding.UTF8.GetBytes(await DebianOvfAsync("Debian diskless"));

        await RefusedAsync(new ByteArrayContent(OvaPackages.Build(("debian.ovf", ovf))), "which is not in the OVA");
    }

    [Fact]
    public async Task A_truncated_ova_answers_400_with_the_reason()
    {
        var ovf = Encoding.UTF8.GetBytes(await DebianOvfAsync("Debian truncated"));
        var whole = OvaPackages.Build(("debian.ovf", ovf), (HrefOf(Encoding.UTF8.GetString(ovf)), RandomNumberGenerator.GetBytes(64 * 1024)));

        await RefusedAsync(new ByteArrayContent(whole[..(whole.Length / 2)]), "truncated");
    }

    [Fact]
    public async Task Forty_thousand_network_adapters_are_refused_by_the_cap()
    {
        var ovf = await DebianOvfAsync("Debian NICs");
        var item = ovf.Contains("<ovf:Item>", StringComparison.Ordinal) ? "ovf:Item" : "Item";
        var nics = string.Concat(Enumerable.Range(0, 40_000).Select(i => $"<{item}><rasd:InstanceID>n{i}</rasd:InstanceID><rasd:ResourceType>10</rasd:ResourceType></{item}>"));
        var section = ovf.Contains("</ovf:VirtualHardwareSection>", StringComparison.Ordinal) ? "</ovf:VirtualHardwareSection>" : "</VirtualHardwareSection>";
        var hostile = ovf.Replace(section, nics + section, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(hostile) < 4 * 1024 * 1024, "under the descriptor size cap, so the adapter cap is what refuses it");

        await RefusedAsync(new StringContent(hostile, Encoding.UTF8, "application/xml"), "at most 64 are accepted (Portal:Library:Ovf:MaxNetworkAdapters)", "nics.ovf");
    }

    [Fact]
    public async Task The_disk_cap_comes_from_configuration()
    {
        var ovf = await DebianOvfAsync("Debian three files");
        var file = ovf.Contains("<ovf:File ", StringComparison.Ordinal) ? "ovf:File" : "File";
        var extra = $"<{file} ovf:href=\"extra1.vmdk\" ovf:id=\"extra1\"/><{file} ovf:href=\"extra2.vmdk\" ovf:id=\"extra2\"/>";
        var references = ovf.Contains("</ovf:References>", StringComparison.Ordinal) ? "</ovf:References>" : "</References>";
        var hostile = ovf.Replace(references, extra + references, StringComparison.Ordinal);

        await RefusedAsync(new StringContent(hostile, Encoding.UTF8, "application/xml"), "3 files in its References; at most 2 are accepted (Portal:Library:Ovf:MaxDisks)", "three.ovf");
    }

    [Fact]
    public async Task A_name_with_control_characters_is_refused_and_never_written_raw_to_the_log()
    {
        var ovf = (await app.Admin.GetStringAsync($"/api/images/{DebianId}/ovf", Token))
            .Replace(">Debian 12 minimal<", ">Debian&#10;2026-12-07 INFO forged: admin signed in<", StringComparison.Ordinal);

        await RefusedAsync(new StringContent(ovf, Encoding.UTF8, "application/xml"), "holds the control character U+000A", "evil\nINFO forged.ovf");

        var logged = app.Logs.Messages.Where(m => m.Contains("forged", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(logged);
        Assert.All(logged, m => Assert.DoesNotContain("\n", m, StringComparison.Ordinal));
        Assert.Contains(logged, m => m.Contains("evil\\u000AINFO forged.ovf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_descriptor_only_import_is_a_draft_whose_disk_awaits_its_upload_and_cannot_be_published_or_deployed_until_then()
    {
        var ovf = await DebianOvfAsync("Debian descriptor only");
        using var created = await app.Admin.PostAsync("/api/images/import/ovf?fileName=debian.ovf", new StringContent(ovf, Encoding.UTF8, "application/xml"), Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!;
        var artifact = (await app.Admin.GetFromJsonAsync<JsonObject>($"/api/images/{id}", Token))!["artifacts"]![0]!;
        Assert.True((bool)artifact["awaitingUpload"]!);
        Assert.Equal($"urn:portal:awaiting-upload:{HrefOf(ovf)}", (string)artifact["location"]!);
        Assert.False(Directory.Exists(Path.Combine(app.ImagesFolder, id)), "no folder, no file: nothing points at a path that does not exist");

        using var publish = await app.Admin.PostAsync($"/api/images/{id}/publish", null, Token);
        using var deploy = await app.Admin.PostAsJsonAsync("/api/deployments", new
        {
            imageId = id, placement = "Virtual", platformId = "9a1e0000-0000-4000-8000-000000000006",
            parameters = new Dictionary<string, object?> { ["hostname"] = "awaiting-01", ["adminPassword"] = "Correct-Horse-42" },
        }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, publish.StatusCode);
        Assert.Contains("cannot be published or deployed until its disk", await publish.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, deploy.StatusCode);
        Assert.Contains("cannot be published or deployed until its disk", await deploy.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal("Draft", (string)(await app.Admin.GetFromJsonAsync<JsonObject>($"/api/images/{id}", Token))!["lifecycle"]!);

        var disk = RandomNumberGenerator.GetBytes(48 * 1024);
        using var upload = await app.Admin.PutAsync($"/api/images/{id}/artifacts/{artifact["id"]}/content", new ByteArrayContent(disk), Token);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var uploaded = (await app.Admin.GetFromJsonAsync<JsonObject>($"/api/images/{id}", Token))!["artifacts"]![0]!;
        Assert.False((bool)uploaded["awaitingUpload"]!);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(disk)), (string)uploaded["sha256"]!);
        Assert.Equal(disk.Length, (long)uploaded["sizeBytes"]!);
        Assert.Equal(disk, await File.ReadAllBytesAsync(new Uri((string)uploaded["location"]!).LocalPath, Token));

        using var again = await app.Admin.PutAsync($"/api/images/{id}/artifacts/{artifact["id"]}/content", new ByteArrayContent(disk), Token);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        using var published = await app.Admin.PostAsync($"/api/images/{id}/publish", null, Token);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
    }

    [Fact]
    public async Task A_disk_upload_that_does_not_match_the_descriptors_sha256_is_refused_and_the_disk_still_awaits()
    {
        using var created = await app.Admin.PostAsync("/api/images/import/ovf?fileName=debian.ovf",
            new StringContent(await DebianOvfAsync("Debian with digest", keepDigest: true), Encoding.UTF8, "application/xml"), Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!;
        var artifactId = (string)(await app.Admin.GetFromJsonAsync<JsonObject>($"/api/images/{id}", Token))!["artifacts"]![0]!["id"]!;

        using var upload = await app.Admin.PutAsync($"/api/images/{id}/artifacts/{artifactId}/content", new ByteArrayContent(RandomNumberGenerator.GetBytes(4096)), Token);

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("does not match the SHA-256 the descriptor gives", await upload.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var artifact = (await app.Admin.GetFromJsonAsync<JsonObject>($"/api/images/{id}", Token))!["artifacts"]![0]!;
        Assert.True((bool)artifact["awaitingUpload"]!);
        Assert.Empty(Directory.Exists(Path.Combine(app.ImagesFolder, id)) ? Directory.GetFiles(Path.Combine(app.ImagesFolder, id), "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task A_disk_upload_is_for_admins_and_for_disks_that_exist()
    {
        using var requester = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await FormSignIn.SignInAsync(requester, "requester@portal.local");
        var url = $"/api/images/{DebianId}/artifacts/{Guid.NewGuid()}/content";

        using var forbidden = await requester.PutAsync(url, new ByteArrayContent([1, 2, 3]), Token);
        using var missing = await app.Admin.PutAsync(url, new ByteArrayContent([1, 2, 3]), Token);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [GeneratedRegex("ovf:href=\"([^\"]+)\"")]
    private static partial Regex HrefPattern();

    [GeneratedRegex(" (portal:)?sha256=\"[0-9a-f]{64}\"")]
    private static partial Regex Sha256Attribute();

    /// <summary>Every formatted log message of the portal, as a log sink would store it.</summary>
    public sealed class LogCapture : ILoggerProvider, ILogger
    {
        private readonly List<string> messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (messages)
                {
                    return [.. messages];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (messages)
            {
                messages.Add(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
