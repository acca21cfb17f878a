using Bunit;
using Portal.Domain.Requests;
using Portal.Domain.Security;
using Portal.Web.Requests;
using Portal.Web.Tests.Provisioning;

namespace Portal.Web.Tests.Requests;

public sealed class RequestPageTests(ProvisioningPortal portal) : RequestPagesTestContext(portal), IClassFixture<ProvisioningPortal>
{
    [Fact]
    public async Task A_pending_request_says_who_it_waits_for_since_when_and_until_when()
    {
        var request = await SubmitAsync(Requester, "page-wait-01");
        await WaitingAsync(request.Id);
        SignInAsRequester();
        RenderProviders();

        var page = RenderRequest(request.Id);

        var waiting = page.Find("[data-testid=waiting-for]").TextContent;
        Assert.Contains("Waiting for an approver since", waiting, StringComparison.Ordinal);
        Assert.Contains("UTC (expires in", waiting, StringComparison.Ordinal);
        Assert.Equal("PendingApproval", page.Find("[data-testid=request-status]").GetAttribute("data-status"));
        Assert.Contains("Load tests for the checkout service", page.Find("[data-testid=asked-justification]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejection_shows_who_rejected_it_and_why_prominently()
    {
        var request = await SubmitAsync(Requester, "page-rejected-01");
        await DecideAsync(request.Id, "Rejected", "Use the shared load-test pool instead.");
        await WaitForRequestAsync(request.Id, RequestStatus.Rejected);
        SignInAsRequester();
        RenderProviders();

        var page = RenderRequest(request.Id);

        var decision = page.Find("[data-testid=decision]");
        Assert.Equal("Rejected", decision.GetAttribute("data-outcome"));
        Assert.Contains(Approver, decision.TextContent, StringComparison.Ordinal);
        Assert.Contains("Use the shared load-test pool instead.", page.Find("[data-testid=decision-comment]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Use the shared load-test pool instead.", page.Find("[data-testid=request-message]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=cancel-request]"));
        var timeline = page.FindAll("[data-testid=timeline-entry]").Select(e => e.TextContent).ToList();
        Assert.Single(timeline, line => line.Contains("Use the shared load-test pool instead.", StringComparison.Ordinal));
        Assert.Contains(timeline, line => line.Contains("Closed: nothing is built", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_completed_request_shows_each_server_running_with_its_address()
    {
        var request = await CompletedAsync(Requester, "page-done-{n}", quantity: 2);
        SignInAsRequester();
        RenderProviders();

        var page = RenderRequest(request.Id);

        var servers = page.FindAll("[data-testid=request-server]");
        Assert.Equal(["page-done-1", "page-done-2"], servers.Select(s => s.GetAttribute("data-hostname")));
        Assert.All(servers, s => Assert.Equal("Completed", s.GetAttribute("data-status")));
        Assert.All(servers, s => Assert.StartsWith("10.42.", s.QuerySelector("[data-testid=server-ip]")!.TextContent.Trim(), StringComparison.Ordinal));
        Assert.All(servers, s => Assert.NotNull(s.QuerySelector("[data-testid=simulated]")));
        Assert.All(servers, s => Assert.Equal($"/servers?q={s.GetAttribute("data-hostname")}", s.QuerySelector("[data-testid=my-server-link]")!.GetAttribute("href")));
        Assert.Contains(page.FindAll("[data-testid=timeline-entry]"), e => e.TextContent.Contains("every server is up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_page_moves_by_itself_when_the_request_is_decided_elsewhere()
    {
        var request = await SubmitAsync(Requester, "page-live-01");
        await WaitingAsync(request.Id);
        SignInAsRequester();
        RenderProviders();
        var page = RenderRequest(request.Id);
        Assert.Empty(page.FindAll("[data-testid=decision]"));

        await DecideAsync(request.Id, "Approved", "Go ahead.");

        page.WaitForAssertion(() => Assert.Equal("Approved", page.Find("[data-testid=decision]").GetAttribute("data-outcome")), Patience);
        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find("[data-testid=request-status]").GetAttribute("data-status")), Patience);
        page.WaitForAssertion(() => Assert.StartsWith("10.42.", page.Find("[data-testid=server-ip]").TextContent.Trim(), StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[data-testid=waiting-for]"));
    }

    [Fact]
    public async Task Cancelling_asks_first_then_withdraws_the_pending_request()
    {
        var request = await SubmitAsync(Requester, "page-cancel-01");
        await WaitingAsync(request.Id);
        SignInAsRequester();
        var (dialogs, snackbars) = RenderProviders();
        // No refresh mid-test: a re-render between finding the button and clicking it would drop the click.
        var page = RenderRequest(request.Id, refresh: TimeSpan.FromMinutes(10));

        await page.InvokeAsync(() => page.Find("[data-testid=cancel-request]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("nothing is built", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal), Patience);
        await dialogs.InvokeAsync(() => dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel request").Click());

        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find("[data-testid=request-status]").GetAttribute("data-status")), Patience);
        Assert.Empty(page.FindAll("[data-testid=cancel-request]"));
        Assert.Contains("The request is cancelled.", snackbars.Markup, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Cancelled, (await WaitForRequestAsync(request.Id, RequestStatus.Cancelled)).Status);
    }

    [Fact]
    public async Task A_refused_cancel_says_why_in_a_snackbar()
    {
        var request = await SubmitAsync(Requester, "page-cancel-02");
        await WaitingAsync(request.Id);
        SignInAsRequester();
        var (dialogs, snackbars) = RenderProviders();
        var page = RenderRequest(request.Id, refresh: TimeSpan.FromMinutes(10));
        // Someone approves it after the page showed it (and before it reloads): the cancel arrives too late.
        await DecideAsync(request.Id, "Approved");
        await WaitForRequestAsync(request.Id, RequestStatus.Completed);

        page.Find("[data-testid=cancel-request]").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog")), Patience);
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel request").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("decommission its servers from My servers", snackbars.Markup, StringComparison.Ordinal), Patience);
        // The page reloads after the refusal and shows the request as it now stands.
        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find("[data-testid=request-status]").GetAttribute("data-status")), Patience);
    }

    [Fact]
    public async Task Another_requester_is_told_there_is_no_such_request()
    {
        var request = await SubmitAsync(Requester, "page-private-01");
        SignInAsRequester("dana.page@portal.local");
        RenderProviders();

        var page = Render<RequestPage>(p => p.Add(x => x.Id, request.Id));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=request-not-found]")), Patience);
        Assert.DoesNotContain("page-private-01", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approver_reads_someone_elses_request_but_cannot_cancel_it()
    {
        var request = await SubmitAsync(Requester, "page-approver-01");
        await WaitingAsync(request.Id);
        SignInAs("kim.page@portal.local", PortalRoles.Approver);
        RenderProviders();

        var page = RenderRequest(request.Id);

        Assert.Contains("page-approver-01", page.Find("[data-testid=request-quantity]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=cancel-request]"));
        Assert.Empty(page.FindAll("[data-testid=workflow-link]"));
    }

    [Fact]
    public async Task An_admin_gets_links_to_the_workflow_instance_and_each_deployment()
    {
        var request = await CompletedAsync(Requester, "page-admin-01");
        SignInAsAdmin();
        RenderProviders();

        var page = RenderRequest(request.Id);

        Assert.Equal($"/admin/workflows/instances/{request.WorkflowInstanceId}", page.Find("[data-testid=workflow-link]").GetAttribute("href"));
        Assert.Equal($"/admin/deployments/{request.DeploymentIds.Single()}", page.Find("[data-testid=deployment-link]").GetAttribute("href"));
    }

    private IRenderedComponent<RequestPage> RenderRequest(Guid id, TimeSpan? refresh = null)
    {
        var page = Render<RequestPage>(p => p.Add(x => x.Id, id).Add(x => x.RefreshInterval, refresh ?? TimeSpan.FromMilliseconds(100)));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=request-status]")), Patience);
        return page;
    }

    /// <summary>Waits until the request's workflow asks for the decision (the page shows whom it waits for from then on).</summary>
    private Task WaitingAsync(Guid id) => EventuallyAsync(async () =>
        (await WithAsync<RequestReader, RequestView?>(reader => reader.FindAsync(id, Token)))?.WaitingFor.Count > 0, $"request {id} waits for a decision");
}
