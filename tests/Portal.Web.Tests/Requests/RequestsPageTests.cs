using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using Portal.Domain.Requests;
using Portal.Domain.Security;
using Portal.Provisioning.Requests;
using Portal.Web.Requests;
using Portal.Web.Tests.Provisioning;

namespace Portal.Web.Tests.Requests;

public sealed class RequestsPageTests(ProvisioningPortal portal) : RequestPagesTestContext(portal), IClassFixture<ProvisioningPortal>
{
    [Fact]
    public async Task A_requester_sees_their_own_requests_and_nobody_elses()
    {
        var own = await SubmitAsync("riya.list@portal.local", "list-own-01");
        var other = await SubmitAsync("dana.list@portal.local", "list-other-01");
        SignInAsRequester("riya.list@portal.local");
        RenderProviders();

        var page = RenderList(own.Id);

        var ids = RowIds(page);
        Assert.Contains(own.Id.ToString(), ids);
        Assert.DoesNotContain(other.Id.ToString(), ids);
        Assert.Empty(page.FindAll("[data-testid=requested-by]"));
        Assert.Equal("My requests", page.Find("h4").TextContent.Trim());
    }

    [Fact]
    public async Task An_approver_sees_everyones_requests_with_who_asked_and_Mine_only_narrows_them()
    {
        var theirs = await SubmitAsync("dana.all@portal.local", "list-all-01");
        var own = await SubmitAsync(Approver, "list-all-02");
        SignInAs(Approver, PortalRoles.Approver, PortalRoles.Requester);
        RenderProviders();

        var everyone = RenderList(theirs.Id);
        Assert.Contains(own.Id.ToString(), RowIds(everyone));
        Assert.Contains("dana.all@portal.local", Row(everyone, theirs.Id).TextContent, StringComparison.Ordinal);

        await DisposeComponentsAsync();
        RenderProviders();
        var mine = RenderList(own.Id, "/requests?mine=true");
        Assert.DoesNotContain(theirs.Id.ToString(), RowIds(mine));
    }

    [Fact]
    public async Task Choosing_a_status_shows_only_requests_in_it_and_puts_it_in_the_address()
    {
        const string user = "riya.status@portal.local";
        var pending = await SubmitAsync(user, "list-status-01");
        var rejected = await SubmitAsync(user, "list-status-02");
        await DecideAsync(rejected.Id, "Rejected", "Use the shared pool.");
        await WaitForRequestAsync(rejected.Id, RequestStatus.Rejected);
        SignInAsRequester(user);
        RenderProviders();
        var page = RenderList(pending.Id);

        page.FindAll("[data-testid=status-filter-chip]").Single(c => c.GetAttribute("data-status") == "Rejected").Click();

        page.WaitForAssertion(() => Assert.Equal([rejected.Id.ToString()], RowIds(page)), Patience);
        Assert.Contains("status=Rejected", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        Assert.Contains("Use the shared pool.", page.Find("[data-testid=request-message]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_in_the_address_filters_the_list_when_it_opens()
    {
        const string user = "riya.address@portal.local";
        var pending = await SubmitAsync(user, "list-address-01");
        var cancelled = await SubmitAsync(user, "list-address-02");
        await WithAsync<RequestLifecycle, bool>(async lifecycle => (await lifecycle.CancelAsync(cancelled.Id, user, Token)).IsValid);
        SignInAsRequester(user);
        RenderProviders();

        var page = RenderList(cancelled.Id, "/requests?status=Cancelled");

        Assert.Equal([cancelled.Id.ToString()], RowIds(page));
        Assert.DoesNotContain(pending.Id.ToString(), RowIds(page));
    }

    [Fact]
    public void Someone_without_requests_is_sent_to_the_catalog()
    {
        SignInAsRequester("new.hire@portal.local");
        RenderProviders();

        var page = Render<RequestsPage>();

        page.WaitForAssertion(() => Assert.Contains("No requests yet — browse the catalog", page.Find("[data-testid=no-requests]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal("/catalog", page.Find("[data-testid=browse-catalog]").GetAttribute("href"));
    }

    /// <summary>Opens the list at <paramref name="address"/> and waits until <paramref name="expected"/> is on it.</summary>
    private IRenderedComponent<RequestsPage> RenderList(Guid expected, string address = "/requests")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        var page = Render<RequestsPage>(p => p.Add(x => x.RefreshInterval, TimeSpan.FromMinutes(10)));
        page.WaitForAssertion(() => Assert.Contains(expected.ToString(), RowIds(page)), Patience);
        return page;
    }

    private static List<string> RowIds(IRenderedComponent<RequestsPage> page) =>
        page.FindAll("[data-testid=request-row]").Select(r => r.GetAttribute("data-request-id")!).ToList();

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<RequestsPage> page, Guid id) =>
        page.FindAll("[data-testid=request-row]").Single(r => r.GetAttribute("data-request-id") == id.ToString()).Closest("tr")!;
}
