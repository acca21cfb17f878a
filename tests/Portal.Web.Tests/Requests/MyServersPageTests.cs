using AngleSharp.Dom;
using Bunit;
using Portal.Domain.Deployments;
using Portal.Domain.Library;
using Portal.Domain.Security;
using Portal.Provisioning.Deployments;
using Portal.Web.Provisioning;
using Portal.Web.Provisioning.Servers;
using Portal.Web.Tests.Provisioning;
using Portal.Workflows.Persistence;

namespace Portal.Web.Tests.Requests;

public sealed class MyServersPageTests(ProvisioningPortal portal) : RequestPagesTestContext(portal), IClassFixture<ProvisioningPortal>
{
    [Fact]
    public async Task A_requester_sees_only_the_servers_they_own_with_address_image_and_request()
    {
        var own = await CompletedAsync("riya.servers@portal.local", "mine-own-01");
        await CompletedAsync("dana.servers@portal.local", "mine-other-01");
        SignInAsRequester("riya.servers@portal.local");
        RenderProviders();

        var page = RenderServers();

        Assert.Equal(["mine-own-01"], Names(page));
        var row = Row(page, "mine-own-01");
        Assert.StartsWith("10.42.", row.QuerySelector("[data-testid=server-ip]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal($"/library/{ProvisioningPortal.Ubuntu}", row.QuerySelector("[data-testid=server-image]")!.GetAttribute("href"));
        Assert.Equal($"/requests/{own.Id}", row.QuerySelector("[data-testid=server-request]")!.GetAttribute("href"));
        Assert.NotNull(row.QuerySelector("[data-testid=simulated]"));
        Assert.Empty(page.FindAll("[data-testid=server-owner]"));
    }

    [Fact]
    public async Task An_admin_sees_every_server_with_its_owner()
    {
        await CompletedAsync("riya.admin-view@portal.local", "mine-admin-01");
        SignInAsAdmin();
        RenderProviders();

        var page = RenderServers();

        Assert.Contains("riya.admin-view@portal.local", Row(page, "mine-admin-01").QuerySelector("[data-testid=server-owner]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decommissioning_asks_first_naming_the_server_then_starts_the_workflow()
    {
        await CompletedAsync("riya.decommission@portal.local", "mine-gone-01");
        SignInAsRequester("riya.decommission@portal.local");
        var (dialogs, snackbars) = RenderProviders();
        var page = RenderServers();

        Row(page, "mine-gone-01").QuerySelector("[data-testid=decommission]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("mine-gone-01 is powered off", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal(ServerStatus.Running, (await ServerAsync("mine-gone-01")).Status);
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Decommission").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("Decommissioning mine-gone-01: started", snackbars.Markup, StringComparison.Ordinal), Patience);
        await EventuallyAsync(async () => (await ServerAsync("mine-gone-01")).Status == ServerStatus.Decommissioned, "the workflow decommissioned mine-gone-01");
        page.WaitForAssertion(() => Assert.DoesNotContain("mine-gone-01", Names(page)), Patience);
    }

    [Fact]
    public async Task Keeping_the_server_in_the_confirmation_starts_nothing()
    {
        await CompletedAsync("riya.keep@portal.local", "mine-kept-01");
        SignInAsRequester("riya.keep@portal.local");
        var (dialogs, _) = RenderProviders();
        var page = RenderServers();
        var before = await InstancesAsync();

        Row(page, "mine-kept-01").QuerySelector("[data-testid=decommission]")!.Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog")), Patience);
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Keep it").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")), Patience);
        Assert.Equal(before, await InstancesAsync());
        Assert.Equal(ServerStatus.Running, (await ServerAsync("mine-kept-01")).Status);
    }

    [Fact]
    public async Task The_initial_password_is_shown_once_to_the_owner_and_never_again()
    {
        var image = await ImageWithGeneratedPasswordAsync();
        var request = await CompletedAsync("riya.password@portal.local", "mine-pw-01", imageId: image, password: null);
        var generated = (await WithAsync<IDeploymentStore, IReadOnlyDictionary<string, string>>(store => store.SecretsAsync(request.DeploymentIds.Single(), Token)))["adminPassword"];
        SignInAsRequester("riya.password@portal.local");
        var (dialogs, _) = RenderProviders();
        var page = RenderServers();
        Assert.DoesNotContain(generated, page.Markup, StringComparison.Ordinal);

        Row(page, "mine-pw-01").QuerySelector("[data-testid=show-initial-password]")!.Click();

        dialogs.WaitForAssertion(() => Assert.Equal(generated, dialogs.Find("[data-testid=initial-password-value]").TextContent.Trim()), Patience);
        Assert.Contains("Shown once: store it now", dialogs.Find("[data-testid=shown-once]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(dialogs.FindAll("[data-testid=copy-initial-password]"));
        dialogs.Find("[data-testid=initial-password-stored]").Click();

        page.WaitForAssertion(() => Assert.Contains("Initial password shown on", Row(page, "mine-pw-01").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[data-testid=show-initial-password]"));
        Assert.DoesNotContain(generated, dialogs.Markup + page.Markup, StringComparison.Ordinal);
        Assert.Null(await WithAsync<IDeploymentStore, IReadOnlyDictionary<string, string>?>(store =>
            store.RevealGeneratedSecretsAsync(request.DeploymentIds.Single(), DateTimeOffset.UtcNow, Token)));

        await DisposeComponentsAsync();
        RenderProviders();
        var again = RenderServers();
        Assert.Empty(again.FindAll("[data-testid=show-initial-password]"));
        Assert.NotEmpty(again.FindAll("[data-testid=initial-password-shown]"));
    }

    [Fact]
    public async Task An_admin_is_not_offered_someone_elses_initial_password()
    {
        var image = await ImageWithGeneratedPasswordAsync();
        var request = await CompletedAsync("riya.private@portal.local", "mine-pw-02", imageId: image, password: null);
        SignInAsAdmin();
        RenderProviders();

        var page = RenderServers();

        var row = Row(page, "mine-pw-02");
        Assert.Null(row.QuerySelector("[data-testid=show-initial-password]"));
        Assert.NotNull(row.QuerySelector("[data-testid=decommission]"));
        Assert.Null(await WithAsync<IDeploymentStore, DateTimeOffset?>(store => store.GeneratedSecretsRevealedAtAsync(request.DeploymentIds.Single(), Token)));
    }

    [Fact]
    public void Someone_without_servers_is_sent_to_the_catalog()
    {
        SignInAsRequester("new.hire.servers@portal.local");
        RenderProviders();

        var page = Render<MyServersPage>();

        page.WaitForAssertion(() => Assert.Contains("No servers yet — request one from the catalog", page.Find("[data-testid=no-servers]").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task The_actions_are_not_offered_on_a_server_the_user_does_not_own()
    {
        await CompletedAsync("riya.owner@portal.local", "mine-notyours-01");
        var server = DeployedServerView.Of(await ServerAsync("mine-notyours-01"));
        SignInAs("dana.notyours@portal.local", PortalRoles.Requester);
        RenderProviders();

        var actions = Render<ServerActions>(p => p
            .Add(x => x.Row, new ServerRow(server, "Simulated virtual datacenter", null))
            .Add(x => x.Platforms, Array.Empty<Platform>()));

        Assert.Empty(actions.FindAll("[data-testid=decommission], [data-testid=capture], [data-testid=migrate]"));
    }

    private IRenderedComponent<MyServersPage> RenderServers()
    {
        var page = Render<MyServersPage>(p => p.Add(x => x.RefreshInterval, TimeSpan.FromMilliseconds(200)));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=server-name]")), Patience);
        return page;
    }

    private static List<string> Names(IRenderedComponent<MyServersPage> page) =>
        page.FindAll("[data-testid=server-name]").Select(n => n.TextContent.Trim()).ToList();

    private static IElement Row(IRenderedComponent<MyServersPage> page, string name) =>
        page.FindAll("tr").Single(r => r.QuerySelector("[data-testid=server-name]")?.TextContent.Trim() == name);

    private Task<DeployedServer> ServerAsync(string name) =>
        WithAsync<IDeploymentStore, DeployedServer>(async store => (await store.ServersAsync(null, Token)).Single(s => s.Name == name));

    private Task<int> InstancesAsync() =>
        WithAsync<IWorkflowInstanceStore, int>(async store => (await store.ListAsync(null, ProvisioningWorkflows.Decommission, null, 1000, Token)).Count);
}
