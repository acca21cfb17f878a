using Bunit;
using MudBlazor;
using Portal.Domain.Requests;
using Portal.Domain.Security;
using Portal.Provisioning.Approvals;
using Portal.Web.Approvals;
using Portal.Web.Tests.Provisioning;

namespace Portal.Web.Tests.Approvals;

public sealed class ApprovalsPageTests(ProvisioningPortal portal) : ApprovalsPagesTestContext(portal), IClassFixture<ProvisioningPortal>
{
    [Fact]
    public async Task The_inbox_shows_who_asks_for_what_how_big_where_why_since_when_and_what_it_takes()
    {
        var request = await RequestVirtualAsync("inbox-web-{nn}", quantity: 2, justification: "Two web servers for the summer campaign.");
        SignInAsAlex();

        var item = Item(RenderInbox(), request.Id);

        Assert.Contains("inbox-web-01, inbox-web-02", item.QuerySelector("[data-testid=request-link]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/requests/{request.Id}", item.QuerySelector("[data-testid=request-link]")!.GetAttribute("href"));
        Assert.Equal($"2 × {request.ImageName}", item.QuerySelector("[data-testid=what]")!.TextContent.Trim());
        Assert.Contains("Riya Requester", item.QuerySelector("[data-testid=requester]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Riya, item.QuerySelector("[data-testid=requester]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("4 vCPU · 8 GiB memory", item.QuerySelector("[data-testid=demand]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Virtual machine on Simulated virtual datacenter", item.QuerySelector("[data-testid=where]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Two web servers for the summer campaign.", item.QuerySelector("[data-testid=justification]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("4 of ", item.QuerySelector("[data-testid=capacity]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("free vCPU", item.QuerySelector("[data-testid=capacity]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("waiting", item.QuerySelector("[data-testid=timing]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("expires in 3 days", item.QuerySelector("[data-testid=expires]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Approve the server request", item.QuerySelector("[data-testid=task-title]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_plan_opens_on_demand()
    {
        var request = await RequestVirtualAsync("inbox-plan-01");
        SignInAsAlex();
        var page = RenderInbox();
        Assert.Null(Item(page, request.Id).QuerySelector("[data-testid=plan]"));

        Item(page, request.Id).QuerySelector("[data-testid=toggle-plan]")!.Click();

        page.WaitForAssertion(() => Assert.Contains("Set the host name inbox-plan-01", Item(page, request.Id).QuerySelector("[data-testid=plan]")!.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Alexs_own_request_is_not_in_his_inbox_though_he_is_an_approver()
    {
        var own = await RequestVirtualAsync("inbox-own-01", requestedBy: Alex);
        var other = await RequestVirtualAsync("inbox-other-01");
        SignInAsAlex();

        var page = RenderInbox();

        Assert.NotNull(ItemOf(page, other.Id));
        Assert.Null(ItemOf(page, own.Id));
    }

    [Fact]
    public async Task Rejecting_without_a_comment_is_refused_next_to_the_field_and_nothing_is_decided()
    {
        var request = await RequestVirtualAsync("inbox-reject-01");
        SignInAsAlex();
        var dialogs = Render<MudDialogProvider>();
        var page = RenderInbox();

        Item(page, request.Id).QuerySelector("[data-testid=reject]")!.Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=confirm-reject]")), Patience);
        dialogs.Find("[data-testid=confirm-reject]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Say why you reject", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal), Patience);
        Assert.NotEmpty(dialogs.FindAll(".mud-dialog .mud-input-error"));
        Assert.Equal(RequestStatus.PendingApproval, (await RequestAsync(request.Id))!.Status);
        Assert.NotNull(ItemOf(page, request.Id));
    }

    [Fact]
    public async Task Rejecting_with_a_comment_ends_the_request_with_that_reason()
    {
        var request = await RequestVirtualAsync("inbox-reject-02");
        SignInAsAlex();
        var dialogs = Render<MudDialogProvider>();
        var page = RenderInbox();

        Item(page, request.Id).QuerySelector("[data-testid=reject]")!.Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=confirm-reject]")), Patience);
        dialogs.Find("textarea").Input("Use the shared load-test pool instead.");
        dialogs.Find("[data-testid=confirm-reject]").Click();

        page.WaitForAssertion(() => Assert.Null(ItemOf(page, request.Id)), Patience);
        await EventuallyAsync(async () => (await RequestAsync(request.Id))!.Status == RequestStatus.Rejected, "the request is rejected");
        Assert.Contains("Use the shared load-test pool instead.", (await RequestAsync(request.Id))!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_removes_the_item_says_so_and_the_request_moves_on_to_its_servers()
    {
        var request = await RequestVirtualAsync("inbox-approve-01");
        SignInAsAlex();
        var snackbars = Render<MudSnackbarProvider>();
        var page = RenderInbox();

        Item(page, request.Id).QuerySelector("[data-testid=approve]")!.Click();

        page.WaitForAssertion(() => Assert.Null(ItemOf(page, request.Id)), Patience);
        snackbars.WaitForAssertion(() => Assert.Contains("Approved inbox-approve-01 request", snackbars.Markup, StringComparison.Ordinal), Patience);
        await EventuallyAsync(async () => (await RequestAsync(request.Id))!.Status is RequestStatus.Provisioning or RequestStatus.Completed,
            "the approved request is provisioned");
    }

    [Fact]
    public async Task Approving_a_physical_server_puts_its_second_approval_in_an_admins_inbox()
    {
        var request = await RequestPhysicalAsync("inbox-bm-01");
        SignInAsAlex();
        var page = RenderInbox();
        Assert.NotNull(Item(page, request.Id).QuerySelector("[data-testid=physical]"));

        Item(page, request.Id).QuerySelector("[data-testid=approve]")!.Click();
        page.WaitForAssertion(() => Assert.Null(ItemOf(page, request.Id)), Patience);
        await WaitForTaskAsync(request.Id, "Second approval");

        SignInAsAdmin();
        var admins = RenderInbox();
        var second = Item(admins, request.Id);
        Assert.StartsWith("Second approval", second.QuerySelector("[data-testid=task-title]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(RequestStatus.PendingApproval, (await RequestAsync(request.Id))!.Status);
    }

    [Fact]
    public async Task Bulk_approval_of_two_selected_requests_decides_both()
    {
        var first = await RequestVirtualAsync("inbox-bulk-01");
        var second = await RequestVirtualAsync("inbox-bulk-02");
        SignInAsAlex();
        var dialogs = Render<MudDialogProvider>();
        var page = RenderInbox();

        Item(page, first.Id).QuerySelector("[data-testid=select-task] input, input[data-testid=select-task]")!.Change(true);
        page.WaitForAssertion(() => Assert.Contains("1 of", page.Find("[data-testid=bulk-bar]").TextContent, StringComparison.Ordinal));
        Item(page, second.Id).QuerySelector("[data-testid=select-task] input, input[data-testid=select-task]")!.Change(true);
        page.WaitForAssertion(() => Assert.Contains("2 of", page.Find("[data-testid=bulk-bar]").TextContent, StringComparison.Ordinal));
        page.Find("[data-testid=bulk-approve]").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=confirm-approve]")), Patience);
        Assert.Contains("Approve 2 requests", dialogs.Find("[data-testid=confirm-approve]").TextContent, StringComparison.Ordinal);
        dialogs.Find("[data-testid=confirm-approve]").Click();

        page.WaitForAssertion(() => Assert.True(ItemOf(page, first.Id) is null && ItemOf(page, second.Id) is null, "both items leave the inbox"), Patience);
        await EventuallyAsync(async () => (await RequestAsync(first.Id))!.Status != RequestStatus.PendingApproval
                                          && (await RequestAsync(second.Id))!.Status != RequestStatus.PendingApproval, "both requests are approved");
    }

    [Fact]
    public async Task Select_all_selects_every_waiting_item()
    {
        await RequestVirtualAsync("inbox-all-01");
        SignInAsAlex();
        var page = RenderInbox();

        page.Find("[data-testid=select-all] input, input[data-testid=select-all]").Change(true);

        page.WaitForAssertion(() =>
        {
            var count = page.FindAll("[data-testid=inbox-item]").Count;
            Assert.Contains($"{count} of {count} selected", page.Find("[data-testid=bulk-bar]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task When_a_colleague_decided_first_the_item_says_who_and_leaves_the_inbox()
    {
        var request = await RequestVirtualAsync("inbox-race-01");
        SignInAsAlex();
        var page = RenderInbox();
        var task = await WaitForTaskAsync(request.Id);
        var kim = await WithAsync<ApprovalInbox, DecisionResult>(inbox => inbox.DecideAsync(Person(Kim, PortalRoles.Approver), task.Id, "Approved", null, Token));
        Assert.Equal(DecisionResultKind.Decided, kim.Kind);

        Item(page, request.Id).QuerySelector("[data-testid=approve]")!.Click();

        page.WaitForAssertion(() => Assert.Contains($"Already decided by {Kim}", Item(page, request.Id).QuerySelector("[data-testid=decided-elsewhere]")!.TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(Item(page, request.Id).QuerySelectorAll("[data-testid=approve], [data-testid=reject]"));
    }

    [Fact]
    public async Task A_colleagues_decision_removes_the_item_at_the_next_refresh()
    {
        var request = await RequestVirtualAsync("inbox-refresh-01");
        SignInAsAlex();
        var page = RenderInbox(TimeSpan.FromMilliseconds(200));
        var task = await WaitForTaskAsync(request.Id);

        await WithAsync<ApprovalInbox, DecisionResult>(inbox => inbox.DecideAsync(Person(Kim, PortalRoles.Approver), task.Id, "Approved", null, Token));

        page.WaitForAssertion(() => Assert.Null(ItemOf(page, request.Id)), Patience);
    }
}
