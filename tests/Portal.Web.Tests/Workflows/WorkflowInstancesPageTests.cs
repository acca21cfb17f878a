using System.Net;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Web.Workflows.Pages;
using Portal.Workflows.Runtime;

namespace Portal.Web.Tests.Workflows;

public sealed class WorkflowInstancesPageTests(WorkflowPortal portal) : WorkflowPagesTestContext(portal), IClassFixture<WorkflowPortal>
{
    [Fact]
    public async Task The_list_shows_a_completed_a_suspended_and_a_faulted_instance_with_their_status()
    {
        SignInAsAdmin();
        var (completed, suspended, faulted) = await StartOneOfEachAsync();

        var page = RenderList();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Completed", StatusOf(page, completed));
            Assert.Equal("Suspended", StatusOf(page, suspended));
            Assert.Equal("Faulted", StatusOf(page, faulted));
        }, Patience);
    }

    [Fact]
    public async Task Each_row_names_its_workflow_and_version_and_links_to_the_instance()
    {
        SignInAsAdmin();
        var id = UniqueId("linked");
        await Portal.PublishAsync(WorkflowPortal.Completing(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Completed, correlationId: "request-42");

        var page = RenderList($"?definition={id}");

        page.WaitForAssertion(() => Assert.Equal($"{id} · v1", Row(page, instance).QuerySelector("[data-testid=definition]")!.TextContent.Trim()), Patience);
        Assert.Equal("request-42", Row(page, instance).QuerySelector("[data-testid=correlation]")!.TextContent.Trim());
        Assert.Equal($"/admin/workflows/instances/{instance}", Row(page, instance).QuerySelector("[data-testid=instance-link]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Choosing_a_status_narrows_the_list_and_puts_the_status_in_the_address()
    {
        SignInAsAdmin();
        var (completed, suspended, faulted) = await StartOneOfEachAsync();
        var page = RenderList();
        page.WaitForAssertion(() => Assert.Contains(completed, InstanceIds(page)), Patience);

        page.Find("[data-testid=filter-status]").Closest(".mud-input-control")!.MouseDown();
        var menu = popovers!;
        menu.WaitForAssertion(() => Assert.NotEmpty(menu.FindAll(".mud-popover-open .mud-list-item")), Patience);
        menu.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == "Faulted").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Contains(faulted, InstanceIds(page));
            Assert.DoesNotContain(completed, InstanceIds(page));
            Assert.DoesNotContain(suspended, InstanceIds(page));
        }, Patience);
        Assert.All(page.FindAll("[data-testid=instances] [data-testid=status]"), chip => Assert.Equal("Faulted", chip.GetAttribute("data-status")));
        Assert.Contains("status=Faulted", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_in_the_address_apply_to_the_first_load()
    {
        SignInAsAdmin();
        var id = UniqueId("addressed");
        await Portal.PublishAsync(WorkflowPortal.Waiting(id));
        var mine = await Portal.StartAsync(id, WorkflowStatus.Suspended, correlationId: "request-7");
        var other = await Portal.StartAsync(id, WorkflowStatus.Suspended, correlationId: "request-8");

        var page = RenderList($"?status=Suspended&definition={id}&correlation=request-7");

        page.WaitForAssertion(() => Assert.Equal([mine], InstanceIds(page)), Patience);
        Assert.DoesNotContain(other, InstanceIds(page));
    }

    [Fact]
    public void When_no_instance_matches_the_page_says_so_and_clearing_brings_the_rows_back()
    {
        SignInAsAdmin();
        var page = RenderList("?correlation=no-such-request");
        page.WaitForAssertion(() => Assert.Contains("No instance matches", page.Find("[data-testid=no-match]").TextContent, StringComparison.Ordinal), Patience);

        page.Find("[data-testid=clear-filters]").Click();

        page.WaitForAssertion(() => Assert.DoesNotContain("correlation=", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task A_waiting_instance_moves_on_the_list_by_itself_when_it_is_resumed()
    {
        SignInAsAdmin();
        var id = UniqueId("moving");
        await Portal.PublishAsync(WorkflowPortal.Waiting(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Suspended);
        var page = RenderList($"?definition={id}", refreshEvery: TimeSpan.FromMilliseconds(200));
        page.WaitForAssertion(() => Assert.Equal("Suspended", StatusOf(page, instance)), Patience);

        await Portal.ResumeAsync(instance);

        page.WaitForAssertion(() => Assert.Equal("Completed", StatusOf(page, instance)), Patience);
    }

    [Fact]
    public async Task A_requester_is_sent_to_access_denied()
    {
        var requester = Portal.Factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(requester, "requester@portal.local");

        using var response = await requester.GetAsync("/admin/workflows/instances", Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private async Task<(string Completed, string Suspended, string Faulted)> StartOneOfEachAsync()
    {
        var done = UniqueId("done");
        var waits = UniqueId("waits");
        var fails = UniqueId("fails");
        await Portal.PublishAsync(WorkflowPortal.Completing(done));
        await Portal.PublishAsync(WorkflowPortal.Waiting(waits));
        await Portal.PublishAsync(WorkflowPortal.Failing(fails));
        return (await Portal.StartAsync(done, WorkflowStatus.Completed),
                await Portal.StartAsync(waits, WorkflowStatus.Suspended),
                await Portal.StartAsync(fails, WorkflowStatus.Faulted));
    }

    private IRenderedComponent<MudPopoverProvider>? popovers;

    private IRenderedComponent<WorkflowInstancesPage> RenderList(string query = "", TimeSpan? refreshEvery = null)
    {
        popovers = Render<MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/workflows/instances" + query);
        return Render<WorkflowInstancesPage>(p => p.Add(x => x.RefreshInterval, refreshEvery ?? TimeSpan.FromMinutes(10)));
    }

    private static List<string> InstanceIds(IRenderedComponent<WorkflowInstancesPage> page) =>
        page.FindAll("[data-testid=instance-link]").Select(a => a.GetAttribute("data-instance") ?? "").ToList();

    private static IElement Row(IRenderedComponent<WorkflowInstancesPage> page, string instanceId) =>
        page.FindAll("[data-testid=instances] tbody tr").Single(r => r.QuerySelector($"[data-instance='{instanceId}']") is not null);

    private static string? StatusOf(IRenderedComponent<WorkflowInstancesPage> page, string instanceId) =>
        page.FindAll("[data-testid=instances] tbody tr").SingleOrDefault(r => r.QuerySelector($"[data-instance='{instanceId}']") is not null)
            ?.QuerySelector("[data-testid=status]")?.GetAttribute("data-status");
}
