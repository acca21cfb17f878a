using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using Portal.Domain.Deployments;
using Portal.Provisioning;
using Portal.Web.Provisioning.Deployments;

namespace Portal.Web.Tests.Provisioning;

public sealed class DeploymentPageTests(FaultyProvisioningPortal portal) : ProvisioningPagesTestContext(portal), IClassFixture<FaultyProvisioningPortal>
{
    [Fact]
    public async Task A_completed_deployment_shows_every_step_completed_and_the_server_it_made()
    {
        SignInAsAdmin();
        var id = await DeployUbuntuAsync("web-page-01");
        var deployment = await WaitForDeploymentAsync(id, DeploymentStatus.Completed);

        var page = RenderDeployment(id);

        var steps = page.FindAll("[data-testid=step]");
        Assert.Equal(["CreateVirtualMachine", "WriteImage", "ConfigureSoftware", "PowerOn"], steps.Select(s => s.GetAttribute("data-kind")));
        Assert.All(steps, s => Assert.Equal("Completed", s.GetAttribute("data-state")));
        Assert.Equal("web-page-01", page.Find("[data-testid=server-name]").TextContent.Trim());
        Assert.Equal("Running", page.Find("[data-testid=server-status]").GetAttribute("data-status"));
        Assert.Equal($"/admin/workflows/instances/{deployment.InstanceId}", page.Find("[data-testid=instance-link]").GetAttribute("href"));
        // The simulated datacenter keeps no serial console: the page says so rather than showing an empty box.
        Assert.NotNull(page.Find("[data-testid=server-console] [data-testid=console-empty]"));
    }

    [Fact]
    public async Task A_completed_deployment_offers_neither_retry_nor_cancel()
    {
        SignInAsAdmin();
        var id = await DeployUbuntuAsync("web-page-02");
        await WaitForDeploymentAsync(id, DeploymentStatus.Completed);

        var page = RenderDeployment(id);

        Assert.Equal("Completed", page.Find("[data-testid=deployment-status]").GetAttribute("data-status"));
        Assert.Empty(page.FindAll("[data-testid=retry], [data-testid=cancel], [data-testid=failure]"));
    }

    [Fact]
    public async Task A_deployment_stuck_on_a_failing_step_says_why_and_offers_retry_and_cancel()
    {
        SignInAsAdmin();
        var id = await DeployUbuntuAsync("web-broken-01");
        await WaitForDeploymentAsync(id, DeploymentStatus.Failed);

        var page = RenderDeployment(id);

        Assert.Equal("Failed", page.Find("[data-testid=deployment-status]").GetAttribute("data-status"));
        Assert.Contains("web-broken-01 does not respond", page.Find("[data-testid=error]").TextContent, StringComparison.Ordinal);
        var failed = page.FindAll("[data-testid=step]").Single(s => s.GetAttribute("data-kind") == "CreateVirtualMachine");
        Assert.Equal("Failed", failed.GetAttribute("data-state"));
        Assert.NotEmpty(page.FindAll("[data-testid=retry]"));
        Assert.NotEmpty(page.FindAll("[data-testid=cancel]"));
    }

    [Fact]
    public async Task Cancelling_a_stuck_deployment_asks_first_then_cancels_it()
    {
        SignInAsAdmin();
        var id = await DeployUbuntuAsync("web-broken-02");
        await WaitForDeploymentAsync(id, DeploymentStatus.Failed);
        var dialogs = Render<MudDialogProvider>();
        // The cancel's compensation runs on the worker; the page keeps reloading until it is done.
        var page = RenderDeployment(id, TimeSpan.FromMilliseconds(200));

        page.Find("[data-testid=cancel]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("cannot be resumed", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal), Patience);
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel deployment").Click();

        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find("[data-testid=deployment-status]").GetAttribute("data-status")), Patience);
        Assert.Empty(page.FindAll("[data-testid=retry], [data-testid=cancel]"));
        Assert.Equal(DeploymentStatus.Cancelled, (await WaitForDeploymentAsync(id, DeploymentStatus.Cancelled)).Status);
    }

    [Fact]
    public async Task Retrying_a_step_that_fails_again_runs_it_again_and_keeps_the_deployment_retryable()
    {
        SignInAsAdmin();
        var id = await DeployUbuntuAsync("web-broken-03");
        var failed = await WaitForDeploymentAsync(id, DeploymentStatus.Failed);
        var incidents = await IncidentsAsync(failed.InstanceId!);
        var snackbars = Render<MudSnackbarProvider>();
        var page = RenderDeployment(id, refreshEvery: TimeSpan.FromMilliseconds(200));

        page.Find("[data-testid=retry]").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("The failed step runs again.", snackbars.Markup, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[data-testid=action-errors]"));
        await EventuallyAsync(async () => await IncidentsAsync(failed.InstanceId!) > incidents, "the retried step failed again and was recorded as a new incident");
        // While the step runs again the deployment is Running; once it has failed again the page offers Retry again by itself.
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=retry]")), Patience);
    }

    [Fact]
    public async Task A_deployment_the_simulated_datacenter_carried_out_is_marked_at_its_target_and_its_server()
    {
        SignInAsAdmin();
        var id = await DeployUbuntuAsync("web-page-sim-01", ProvisioningPortal.KvmFrankfurt);
        await WaitForDeploymentAsync(id, DeploymentStatus.Completed);

        var page = RenderDeployment(id);

        Assert.NotNull(page.Find("[data-testid=deployment-facts]").QuerySelector("[data-testid=simulated-badge]"));
        Assert.NotNull(page.Find("[data-testid=server-section]").QuerySelector("[data-testid=simulated-badge]"));
    }

    [Fact]
    public async Task With_real_drivers_a_deployment_to_a_real_platform_is_not_marked()
    {
        SignInAsAdmin();
        var id = await DeployUbuntuAsync("web-page-kvm-01", ProvisioningPortal.KvmFrankfurt);
        await WaitForDeploymentAsync(id, DeploymentStatus.Completed);
        Drivers.Drivers = DriverMode.Real;

        var page = RenderDeployment(id);

        Assert.Empty(page.FindAll("[data-testid=simulated-badge]"));
    }

    [Fact]
    public async Task The_list_marks_a_deployment_by_where_it_landed()
    {
        SignInAsAdmin();
        var kvm = await DeployUbuntuAsync("web-list-kvm-01", ProvisioningPortal.KvmFrankfurt);
        var simulated = await DeployUbuntuAsync("web-list-sim-01");
        await WaitForDeploymentAsync(kvm, DeploymentStatus.Completed);
        await WaitForDeploymentAsync(simulated, DeploymentStatus.Completed);
        Drivers.Drivers = DriverMode.Real;

        var page = Render<DeploymentsPage>(p => p.Add(x => x.RefreshInterval, TimeSpan.FromMinutes(10)));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=deployment-link]")), Patience);
        Assert.Null(ListRow(page, kvm).QuerySelector("[data-testid=simulated-badge]"));
        Assert.NotNull(ListRow(page, simulated).QuerySelector("[data-testid=simulated-badge]"));
    }

    private Task<int> IncidentsAsync(string instanceId) =>
        WithAsync<Portal.Workflows.Persistence.IWorkflowInstanceStore, int>(async store => (await store.FindAsync(instanceId, Token))!.Incidents.Count);

    [Fact]
    public async Task A_running_deployment_moves_on_the_page_by_itself()
    {
        SignInAsAdmin();
        var id = await DeployUbuntuAsync("web-page-live");

        var page = RenderDeployment(id, refreshEvery: TimeSpan.FromMilliseconds(200));

        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find("[data-testid=deployment-status]").GetAttribute("data-status")), Patience);
        Assert.All(page.FindAll("[data-testid=step]"), s => Assert.Equal("Completed", s.GetAttribute("data-state")));
    }

    [Fact]
    public void An_unknown_id_says_so_and_links_back_to_the_list()
    {
        SignInAsAdmin();

        var page = Render<DeploymentPage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Contains("There is no deployment", page.Find("[data-testid=deployment-not-found]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href") == "/admin/deployments");
    }

    [Fact]
    public async Task The_list_shows_the_newest_deployment_first_with_its_image_and_status()
    {
        SignInAsAdmin();
        var older = await DeployUbuntuAsync("web-list-01");
        var newer = await DeployUbuntuAsync("web-list-02");
        await WaitForDeploymentAsync(newer, DeploymentStatus.Completed);

        var page = Render<DeploymentsPage>(p => p.Add(x => x.RefreshInterval, TimeSpan.FromMinutes(10)));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=deployment-link]")), Patience);
        var ids = page.FindAll("[data-testid=deployment-link]").Select(a => a.GetAttribute("data-deployment")).ToList();
        Assert.True(ids.IndexOf(newer.ToString()) < ids.IndexOf(older.ToString()), "the newer deployment comes first");
        var row = page.FindAll("tr").Single(r => r.QuerySelector($"[data-deployment='{newer}']") is not null);
        Assert.Contains("Ubuntu 24.04 LTS server 2026.09", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("admin@portal.local", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Simulated virtual datacenter", row.TextContent, StringComparison.Ordinal);
    }

    private static IElement ListRow(IRenderedComponent<DeploymentsPage> page, Guid id) =>
        page.FindAll("tr").Single(r => r.QuerySelector($"[data-deployment='{id}']") is not null);

    private IRenderedComponent<DeploymentPage> RenderDeployment(Guid id, TimeSpan? refreshEvery = null)
    {
        Render<MudPopoverProvider>();
        var page = Render<DeploymentPage>(p => p
            .Add(x => x.Id, id)
            .Add(x => x.RefreshInterval, refreshEvery ?? TimeSpan.FromMinutes(10)));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=deployment-title]")), Patience);
        return page;
    }
}
