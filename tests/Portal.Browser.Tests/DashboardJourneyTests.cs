using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Requests;
using Portal.Domain.Security;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Requests;
using Placement = Portal.Domain.Inventory.Placement;

namespace Portal.Browser.Tests;

/// <summary>
/// Each role's home page is its dashboard: Riya sees her open request and her running server, Alex the decision
/// waiting for him, and Sam the charts — requests by status, time to a running server, approvers' queues, capacity.
/// </summary>
public sealed class DashboardJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Requester = "requester@portal.local";
    private const string Approver = "approver@portal.local";
    private static readonly Guid Ubuntu = Guid.Parse("1d0c0000-0000-4000-8000-000000000001");
    private static readonly Guid SimulatedVirtual = Guid.Parse("9a1e0000-0000-4000-8000-000000000006");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_role_sees_its_own_figures_and_the_admin_sees_the_charts_with_data()
    {
        var running = await SubmitAsync("dash-web-01", "A web server the dashboard shows as running.");
        await ApproveAsync(running);
        await WaitForAsync(running, RequestStatus.Completed);
        await SubmitAsync("dash-web-02", "A web server that waits for Alex's decision.");

        var riya = await browser.SignedInPageAsync(Requester);
        await Assertions.Expect(riya.Locator("[data-testid=my-open-requests] [data-testid=count]")).ToHaveTextAsync("1");
        await Assertions.Expect(riya.Locator("[data-testid=open-request]")).ToContainTextAsync("dash-web-02");
        await Assertions.Expect(riya.Locator("[data-testid=my-servers] [data-testid=count]")).ToHaveTextAsync("1");
        await Assertions.Expect(riya.Locator("[data-testid=my-server]")).ToContainTextAsync("dash-web-01");
        // The built-in lease policy: 30 days unless the request says otherwise.
        await Assertions.Expect(riya.Locator("[data-testid=my-server] [data-testid=lease-end]")).ToContainTextAsync("lease ends in 30 days");
        await Assertions.Expect(riya.Locator("[data-testid=admin-dashboard]")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(riya, "dashboard-requester");

        var alex = await browser.SignedInPageAsync(Approver);
        await Assertions.Expect(alex.Locator("[data-testid=approver-dashboard] [data-testid=count]")).ToHaveTextAsync("1");
        await Assertions.Expect(alex.Locator("[data-testid=waiting-task]")).ToContainTextAsync(Requester);

        var sam = await browser.SignedInPageAsync("admin@portal.local");
        var dashboard = sam.Locator("[data-testid=admin-dashboard]");
        await Assertions.Expect(dashboard.Locator("[data-testid=kpi-requests] [data-testid=kpi-value]")).ToHaveTextAsync("2");
        await Assertions.Expect(dashboard.Locator("[data-testid=kpi-open-tasks] [data-testid=kpi-value]")).ToHaveTextAsync("1");
        await Assertions.Expect(dashboard.Locator("[data-testid=expiring] [data-testid=count]")).ToHaveTextAsync("0");
        await Assertions.Expect(dashboard.Locator("[data-testid=kpi-time-to-running] [data-testid=kpi-value]")).Not.ToHaveTextAsync("–");
        await Assertions.Expect(dashboard.Locator("[data-testid=kpi-time-to-running]")).ToContainTextAsync("1 server(s)");

        var requests = dashboard.Locator("[data-testid=chart-requests]");
        await Assertions.Expect(requests.Locator("[data-testid=status-total][data-status=Completed]")).ToContainTextAsync(": 1");
        await Assertions.Expect(requests.Locator("[data-testid=status-total][data-status=PendingApproval]")).ToContainTextAsync(": 1");
        // The chart itself is drawn: today's column has one bar per status (zero values are not drawn).
        await Assertions.Expect(requests.Locator("svg path.mud-chart-bar")).ToHaveCountAsync(2);

        var approvers = dashboard.Locator("[data-testid=chart-approvers]");
        await Assertions.Expect(approvers.Locator($"[data-testid=approver-load][data-approver='{Approver}']")).ToContainTextAsync("1 waiting");
        await Assertions.Expect(approvers.Locator("svg path.mud-chart-bar")).ToHaveCountAsync(1);

        var vcpus = dashboard.Locator("[data-testid=chart-capacity-vcpu]");
        await Assertions.Expect(vcpus.Locator("[data-testid=bar]").First).ToBeVisibleAsync();
        await Assertions.Expect(vcpus.Locator("svg path.mud-chart-bar")).Not.ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(sam, "dashboard-admin");
    }

    private async Task<Guid> SubmitAsync(string name, string why)
    {
        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<RequestSubmission>().SubmitAsync(new ServerRequestOrder
        {
            ImageId = Ubuntu,
            Placement = Placement.Virtual,
            PlatformId = SimulatedVirtual,
            Parameters = new Dictionary<string, string?> { ["adminPassword"] = "Correct-Horse-42" },
            HostnamePattern = name,
            Justification = why,
            RequestedBy = Requester,
        }, Token);
        Assert.True(submitted.IsValid, string.Join("; ", submitted.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return submitted.Value.Id;
    }

    private async Task ApproveAsync(Guid requestId)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var scope = browser.Factory.Services.CreateAsyncScope();
            var tasks = scope.ServiceProvider.GetRequiredService<ApprovalTasks>();
            if ((await tasks.OpenAsync(Token)).FirstOrDefault(t => t.RequestId == requestId) is { } task)
            {
                var decided = await tasks.DecideAsync(task.Id, Approver, [PortalRoles.Approver, PortalRoles.Requester], task.PositiveOutcome, null, Token);
                Assert.Equal(DecisionResultKind.Decided, decided.Kind);
                return;
            }

            await Task.Delay(100, Token);
        }

        throw new Xunit.Sdk.XunitException($"Request {requestId} never waited for an approval.");
    }

    private async Task WaitForAsync(Guid requestId, RequestStatus status)
    {
        RequestStatus? last = null;
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await using var scope = browser.Factory.Services.CreateAsyncScope();
            last = (await scope.ServiceProvider.GetRequiredService<IRequestStore>().FindAsync(requestId, Token))?.Status;
            if (last == status)
            {
                return;
            }

            await Task.Delay(100, Token);
        }

        throw new Xunit.Sdk.XunitException($"Request {requestId} stayed {last}, never {status}.");
    }
}
