using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Security;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Requests;

namespace Portal.Browser.Tests;

/// <summary>
/// Riya keeps the portal open on her requests; Alex approves her request elsewhere. The bell in Riya's app bar counts
/// up by itself — no reload — and its menu says what happened and links to the request.
/// </summary>
public sealed class NotificationBellJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Guid Ubuntu = Guid.Parse("1d0c0000-0000-4000-8000-000000000001");
    private static readonly Guid SimulatedVirtual = Guid.Parse("9a1e0000-0000-4000-8000-000000000006");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_requesters_bell_counts_up_when_the_approver_approves_without_a_reload()
    {
        var requestId = await SubmitAsync("bell-web-01");
        var page = await browser.SignedInPageAsync("requester@portal.local");
        await BrowserFixture.GotoInteractiveAsync(page, "/requests");
        var bell = page.Locator("[data-testid=notification-bell]");
        await Assertions.Expect(bell).ToHaveAttributeAsync("data-unread", "1");
        await BrowserFixture.ScreenshotAsync(page, "bell-submitted");

        // Nothing on Riya's page is touched from here: no reload, no navigation.
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;
        await ApproveAsync(requestId);

        await Assertions.Expect(bell).ToHaveAttributeAsync("data-unread", new System.Text.RegularExpressions.Regex("^[2-9]$"),
            new() { Timeout = 15_000 });
        Assert.Equal(0, navigations);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Notifications") }).ClickAsync();
        var approved = page.Locator("[data-testid=notification-item]", new() { HasText = "Request approved" });
        await Assertions.Expect(approved).ToContainTextAsync("bell-web-01");
        await BrowserFixture.ScreenshotAsync(page, "bell-approved");

        await approved.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/requests/{requestId}", StringComparison.Ordinal));
    }

    private async Task<Guid> SubmitAsync(string hostname)
    {
        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<RequestSubmission>().SubmitAsync(new ServerRequestOrder
        {
            ImageId = Ubuntu,
            Placement = Placement.Virtual,
            PlatformId = SimulatedVirtual,
            Hardware = new Dictionary<ResourceType, decimal> { [ResourceType.Processor] = 2, [ResourceType.Memory] = 4 },
            Parameters = new Dictionary<string, string?> { ["adminPassword"] = "Correct-Horse-42" },
            Quantity = 1,
            HostnamePattern = hostname,
            Justification = "A web server for the checkout load tests before the release.",
            RequestedBy = "requester@portal.local",
        }, Token);
        Assert.True(submitted.IsValid, string.Join("; ", submitted.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return submitted.Value.Id;
    }

    /// <summary>Alex decides, through the same service his approvals page and <c>POST /api/tasks/{id}/complete</c> call.</summary>
    private async Task ApproveAsync(Guid requestId)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var scope = browser.Factory.Services.CreateAsyncScope();
            var tasks = scope.ServiceProvider.GetRequiredService<ApprovalTasks>();
            if ((await tasks.OpenAsync(Token)).FirstOrDefault(t => t.RequestId == requestId) is { } task)
            {
                var decided = await tasks.DecideAsync(task.Id, "approver@portal.local", [PortalRoles.Approver, PortalRoles.Requester], task.PositiveOutcome, null, Token);
                Assert.Equal(DecisionResultKind.Decided, decided.Kind);
                return;
            }

            await Task.Delay(100, Token);
        }

        throw new Xunit.Sdk.XunitException($"Request {requestId} never waited for an approval.");
    }
}
