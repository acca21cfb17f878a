using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using Portal.Domain.Deployments;
using Portal.Provisioning;
using Portal.Provisioning.Deployments;
using Portal.Web.Provisioning.Servers;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Web.Tests.Provisioning;

public sealed class ServersPageTests(ProvisioningPortal portal) : ProvisioningPagesTestContext(portal), IClassFixture<ProvisioningPortal>
{
    [Fact]
    public async Task A_deployed_server_is_listed_with_its_owner_platform_hardware_and_status()
    {
        SignInAsAdmin();
        await WaitForDeploymentAsync(await DeployUbuntuAsync("web-srv-01"), DeploymentStatus.Completed);

        var page = RenderServers();

        var row = Row(page, "web-srv-01");
        Assert.Contains("admin@portal.local", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Simulated virtual datacenter", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("on host sim-host-0", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("4 vCPU", row.QuerySelector("[data-testid=server-hardware]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Running", row.QuerySelector("[data-testid=server-status]")!.GetAttribute("data-status"));
    }

    [Fact]
    public async Task Decommissioning_asks_first_then_starts_the_workflow_links_to_it_and_the_server_goes()
    {
        SignInAsAdmin();
        await WaitForDeploymentAsync(await DeployUbuntuAsync("web-srv-02"), DeploymentStatus.Completed);
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var page = RenderServers();

        Row(page, "web-srv-02").QuerySelector("[data-testid=decommission]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("This cannot be undone", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal), Patience);
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Decommission").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=started-link]")), Patience);
        var instanceId = page.Find("[data-testid=started-link]").GetAttribute("href")!.Split('/')[^1];
        Assert.Contains("Decommissioning web-srv-02: workflow instance", snackbars.Markup, StringComparison.Ordinal);
        var instance = await WithAsync<IWorkflowInstanceStore, WorkflowState?>(store => store.FindAsync(instanceId, Token));
        Assert.Equal(ProvisioningWorkflows.Decommission, instance?.DefinitionId);
        await EventuallyAsync(async () => (await ServerAsync("web-srv-02")).Status == ServerStatus.Decommissioned, "the workflow decommissioned web-srv-02");
    }

    [Fact]
    public async Task Capturing_asks_for_the_new_images_name_and_passes_it_to_the_workflow()
    {
        SignInAsAdmin();
        await WaitForDeploymentAsync(await DeployUbuntuAsync("web-srv-03"), DeploymentStatus.Completed);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderServers();

        Row(page, "web-srv-03").QuerySelector("[data-testid=capture]")!.Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=capture-submit]")), Patience);
        dialogs.Find("[data-testid=capture-name] input, input[data-testid=capture-name]").Input("Golden web server");
        dialogs.Find("[data-testid=capture-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("Capturing web-srv-03", page.Find("[data-testid=started]").TextContent, StringComparison.Ordinal), Patience);
        var instanceId = page.Find("[data-testid=started-link]").GetAttribute("href")!.Split('/')[^1];
        var instance = await WithAsync<IWorkflowInstanceStore, WorkflowState?>(store => store.FindAsync(instanceId, Token));
        Assert.Equal(ProvisioningWorkflows.Capture, instance?.DefinitionId);
        Assert.Equal("Golden web server", (string?)instance!.Inputs["name"]);
        Assert.Equal("admin@portal.local", (string?)instance.Inputs["requestedBy"]);
    }

    [Fact]
    public async Task Migrating_asks_where_and_starts_the_migration_with_that_placement()
    {
        SignInAsAdmin();
        await WaitForDeploymentAsync(await DeployUbuntuAsync("web-srv-05"), DeploymentStatus.Completed);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderServers();

        Row(page, "web-srv-05").QuerySelector("[data-testid=migrate]")!.Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=migrate-submit]")), Patience);
        dialogs.Find("[data-testid=migrate-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("Migrating web-srv-05", page.Find("[data-testid=started]").TextContent, StringComparison.Ordinal), Patience);
        var instanceId = page.Find("[data-testid=started-link]").GetAttribute("href")!.Split('/')[^1];
        var instance = await WithAsync<IWorkflowInstanceStore, WorkflowState?>(store => store.FindAsync(instanceId, Token));
        Assert.Equal(ProvisioningWorkflows.Migration, instance?.DefinitionId);
        Assert.Equal("Virtual", (string?)instance!.Inputs["placement"]);
    }

    [Fact]
    public async Task A_server_that_is_not_running_offers_no_action()
    {
        SignInAsAdmin();
        var id = await DeployUbuntuAsync("web-srv-04");
        var deployment = await WaitForDeploymentAsync(id, DeploymentStatus.Completed);
        await WithAsync<IDeploymentStore, bool>(async store =>
        {
            var server = await store.FindServerAsync(deployment.Server!.Id, Token);
            await store.SaveServerAsync(server! with { Status = ServerStatus.Failed }, Token);
            return true;
        });

        var page = RenderServers();

        var row = Row(page, "web-srv-04");
        Assert.All(row.QuerySelectorAll("[data-testid=capture], [data-testid=migrate], [data-testid=decommission]"),
            button => Assert.True(button.HasAttribute("disabled"), $"{button.GetAttribute("data-testid")} is disabled for a failed server"));
    }

    [Fact]
    public async Task A_server_the_simulated_datacenter_built_is_marked_simulated()
    {
        SignInAsAdmin();
        await WaitForDeploymentAsync(await DeployUbuntuAsync("web-srv-sim-01", ProvisioningPortal.KvmFrankfurt), DeploymentStatus.Completed);

        var page = RenderServers();

        Assert.NotNull(Row(page, "web-srv-sim-01").QuerySelector("[data-testid=simulated-badge]"));
    }

    [Fact]
    public async Task With_real_drivers_only_a_server_on_a_simulated_platform_is_marked()
    {
        SignInAsAdmin();
        await WaitForDeploymentAsync(await DeployUbuntuAsync("web-srv-kvm-01", ProvisioningPortal.KvmFrankfurt), DeploymentStatus.Completed);
        await WaitForDeploymentAsync(await DeployUbuntuAsync("web-srv-sim-02"), DeploymentStatus.Completed);
        Drivers.Drivers = DriverMode.Real;

        var page = RenderServers();

        Assert.Null(Row(page, "web-srv-kvm-01").QuerySelector("[data-testid=simulated-badge]"));
        Assert.NotNull(Row(page, "web-srv-sim-02").QuerySelector("[data-testid=simulated-badge]"));
    }

    private IRenderedComponent<ServersPage> RenderServers()
    {
        Render<MudPopoverProvider>();
        var page = Render<ServersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=server-name]")), Patience);
        return page;
    }

    private Task<DeployedServer> ServerAsync(string name) =>
        WithAsync<IDeploymentStore, DeployedServer>(async store => (await store.ServersAsync(null, Token)).Single(s => s.Name == name));

    private static IElement Row(IRenderedComponent<ServersPage> page, string name) =>
        page.FindAll("tr").Single(r => r.QuerySelector("[data-testid=server-name] b")?.TextContent.Trim() == name);
}
