using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Boot;
using Portal.Provisioning.Simulation;
using Portal.Web.Tests.Library;

namespace Portal.Web.Tests.Provisioning;

/// <summary>
/// An image imported from an OVA network-boots on the simulated bare-metal path: its artifact is stored as an
/// absolute file URI, so the boot script names the portal's image link and the image link serves the disk's bytes.
/// (Before, the artifact read back as a relative URI and both endpoints answered 500.)
/// </summary>
public sealed partial class OvaNetworkBootTests(ProvisioningPortal portal) : IClassFixture<ProvisioningPortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_ova_imported_image_is_written_by_the_network_booted_image_writer_and_the_deployment_completes()
    {
        var ovf = Sha256Attribute().Replace((await portal.Admin.GetStringAsync($"/api/images/{ProvisioningPortal.Ubuntu}/ovf", Token))
            .Replace("Ubuntu 24.04 LTS server", "Ubuntu from an OVA", StringComparison.Ordinal), "");
        var href = HrefPattern().Match(ovf).Groups[1].Value;
        var descriptor = Encoding.UTF8.GetBytes(ovf);
        var disk = RandomNumberGenerator.GetBytes(96 * 1024);
        var manifest = Encoding.UTF8.GetBytes(OvaPackages.Manifest(("ubuntu.ovf", descriptor), (href, disk)));
        using var imported = await portal.Admin.PostAsync(
            "/api/images/import/ovf?fileName=ubuntu.ova", new ByteArrayContent(OvaPackages.Build(("ubuntu.ovf", descriptor), ("ubuntu.mf", manifest), (href, disk))), Token);
        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync(Token));
        var imageId = Guid.Parse((string)(await imported.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!);
        var artifact = (await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/images/{imageId}", Token))!["artifacts"]![0]!;
        Assert.StartsWith("file:///", (string)artifact["location"]!, StringComparison.Ordinal);
        Assert.Equal("Raw", (string)artifact["format"]!);

        portal.Datacenter.FailNext(SimulatedStep.ImageWriterCallback, 1);
        var id = await portal.DeployAsync(new
        {
            imageId,
            placement = "Physical",
            platformId = ProvisioningPortal.SimulatedBareMetal,
            parameters = new Dictionary<string, object?> { ["hostname"] = "ova-metal-01", ["adminPassword"] = ProvisioningPortal.Secret },
        });
        await portal.WaitForStepAsync(id, "WriteImage", "Running");
        var token = portal.Factory.Services.GetRequiredService<BootTokens>().Issue(Guid.Parse(id), TimeSpan.FromMinutes(5));
        using var machine = portal.Factory.CreateClient();

        using var script = await machine.GetAsync($"/api/boot/{token}/script", Token);
        using var image = await machine.GetAsync($"/api/boot/{token}/image", Token);

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        var text = await script.Content.ReadAsStringAsync(Token);
        Assert.Contains($"/api/boot/{token}/image", text, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(disk)), text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(disk, await image.Content.ReadAsByteArrayAsync(Token));

        var callback = await ProvisioningPortal.CallBackAsync(machine, token);
        Assert.True(callback.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"the callback was answered {callback.StatusCode}");
        var deployment = await portal.WaitForDeploymentAsync(id, "Completed");
        Assert.Equal(imageId.ToString(), (string?)deployment["imageId"]);
        await portal.DecommissionAsync(deployment);
    }

    [GeneratedRegex("ovf:href=\"([^\"]+)\"")]
    private static partial Regex HrefPattern();

    /// <summary>The SHA-256 our exporter records for the seeded disk, whose bytes the test does not have (its disk is random).</summary>
    [GeneratedRegex(" (portal:)?sha256=\"[0-9a-f]{64}\"")]
    private static partial Regex Sha256Attribute();
}
