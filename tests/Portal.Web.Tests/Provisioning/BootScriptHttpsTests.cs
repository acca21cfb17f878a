using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Boot;
using Portal.Provisioning.Simulation;

namespace Portal.Web.Tests.Provisioning;

/// <summary>
/// An image writer served over https:// cannot be fetched by a BIOS server's iPXE (BIOS builds have no HTTPS): the boot
/// script of such a server is refused with the reason, until its platform says its iPXE has HTTPS.
/// </summary>
public sealed class BootScriptHttpsTests(BootScriptHttpsTests.HttpsWriterPortal portal) : IClassFixture<BootScriptHttpsTests.HttpsWriterPortal>
{
    public sealed class HttpsWriterPortal() : ProvisioningPortal(new Dictionary<string, string?>
    {
        ["Portal:Boot:ImageWriterKernelUrl"] = "https://boot.example.org/writer/vmlinuz",
        ["Portal:Boot:ImageWriterInitrdUrl"] = "https://boot.example.org/writer/initrd.img",
    });

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_bios_servers_script_with_https_writer_urls_is_refused_until_the_platform_says_its_ipxe_has_https()
    {
        // The Ubuntu image's template boots BIOS. The simulated writer must not call back by itself: the step has to stay
        // Running while this test plays the server's iPXE.
        portal.Datacenter.FailNext(SimulatedStep.ImageWriterCallback, 1);
        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedBareMetal, "Physical", "https-metal-01"));
        await portal.WaitForStepAsync(id, "WriteImage", "Running");
        var token = portal.Factory.Services.GetRequiredService<BootTokens>().Issue(Guid.Parse(id), TimeSpan.FromMinutes(5));
        using var machine = portal.Factory.CreateClient();

        using var refused = await machine.GetAsync($"/api/boot/{token}/script", Token);
        await SayIpxeHasHttpsAsync();
        using var served = await machine.GetAsync($"/api/boot/{token}/script", Token);

        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Contains("HTTPS", await refused.Content.ReadAsStringAsync(Token), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("https://boot.example.org/writer/vmlinuz", await served.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.True((await ProvisioningPortal.CallBackAsync(machine, token)).IsSuccessStatusCode);
        await portal.DecommissionAsync(await portal.WaitForDeploymentAsync(id, "Completed"));
    }

    private async Task SayIpxeHasHttpsAsync()
    {
        var platform = (await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/platforms/{ProvisioningPortal.SimulatedBareMetal}", Token))!;
        using var saved = await portal.Admin.PutAsJsonAsync($"/api/platforms/{ProvisioningPortal.SimulatedBareMetal}", new
        {
            name = (string)platform["name"]!,
            kind = (string)platform["kind"]!,
            technology = (string)platform["technology"]!,
            capabilities = platform["capabilities"],
            description = (string?)platform["description"],
            connection = new { driver = "Simulated", ipxeHasHttps = true },
        }, Token);
        Assert.True(saved.IsSuccessStatusCode, $"PUT platform: {saved.StatusCode} {await saved.Content.ReadAsStringAsync(Token)}");
    }
}
