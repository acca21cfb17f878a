using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Requests;
using Portal.Domain.Validation;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Requests;
using Placement = Portal.Domain.Inventory.Placement;

namespace Portal.Browser.Tests;

/// <summary>
/// Riya has asked for three things; Alex sees the number in the drawer, opens his approvals, refuses the one that
/// does not fit (the dialog insists on a reason) and approves the other two at once.
/// </summary>
public sealed class ApprovalsJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Guid Ubuntu = Guid.Parse("1d0c0000-0000-4000-8000-000000000001");
    private static readonly Guid SimulatedVirtual = Guid.Parse("9a1e0000-0000-4000-8000-000000000006");
    private static readonly Guid SimulatedBareMetal = Guid.Parse("9a1e0000-0000-4000-8000-000000000007");

    [Fact]
    public async Task Alex_rejects_what_does_not_fit_with_a_reason_and_approves_the_rest_at_once()
    {
        var web = await SubmitAsync(Placement.Virtual, SimulatedVirtual, "shop-web-{nn}", 2, 2, 4, "Two web servers for the checkout load tests before the May release.");
        var db = await SubmitAsync(Placement.Physical, SimulatedBareMetal, "shop-db-01", 1, null, null, "A PostgreSQL primary for the shop that needs its own NVMe disks.");
        var perf = await SubmitAsync(Placement.Virtual, SimulatedVirtual, "perf-{nn}", 10, 16, 32, "A performance-test fleet for the Black Friday rehearsal next week.");
        var page = await browser.SignedInPageAsync("approver@portal.local");

        var approvals = page.GetByRole(AriaRole.Link, new() { Name = "Approvals" });
        await Assertions.Expect(approvals.Locator("[data-testid=waiting-tasks]")).ToHaveTextAsync("3");
        await approvals.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/approvals", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-testid=inbox-item]")).ToHaveCountAsync(3);
        var perfItem = Item(page, perf);
        await Assertions.Expect(perfItem.Locator("[data-testid=capacity]")).ToHaveAttributeAsync("data-fits", "false");
        await Item(page, web).Locator("[data-testid=toggle-plan]").ClickAsync();
        await Assertions.Expect(Item(page, web).Locator("[data-testid=plan]")).ToContainTextAsync("Set the host names shop-web-01, shop-web-02");
        await BrowserFixture.ScreenshotAsync(page, "approvals-inbox");

        await perfItem.Locator("[data-testid=reject]").ClickAsync();
        await page.Locator("[data-testid=confirm-reject]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Say why you reject");
        await BrowserFixture.ScreenshotAsync(page, "approvals-reject-needs-a-reason");
        await page.Locator(".mud-dialog textarea").FillAsync("160 vCPU is more than the simulated cluster has free: start with 4 servers, or ask for the KVM cluster.");
        await page.Locator("[data-testid=confirm-reject]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=inbox-item]")).ToHaveCountAsync(2);

        await page.Locator("[data-testid=select-all]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=bulk-bar]")).ToContainTextAsync("2 of 2 selected");
        await BrowserFixture.ScreenshotAsync(page, "approvals-two-selected");
        await page.Locator("[data-testid=bulk-approve]").ClickAsync();
        await page.Locator("[data-testid=confirm-approve]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=inbox-empty]")).ToBeVisibleAsync();
        await Assertions.Expect(approvals.Locator("[data-testid=waiting-tasks]")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "approvals-empty");
        Assert.Equal(RequestStatus.Rejected, (await RequestAsync(perf))!.Status);
        Assert.NotEqual(RequestStatus.PendingApproval, (await RequestAsync(web))!.Status);
        // The physical server waits for its second approval, by an admin.
        Assert.Equal(RequestStatus.PendingApproval, (await RequestAsync(db))!.Status);
    }

    private static ILocator Item(IPage page, Guid requestId) => page.Locator($"[data-testid=inbox-item][data-request-id='{requestId}']");

    private async Task<Guid> SubmitAsync(Placement placement, Guid platform, string names, int quantity, int? vcpus, int? memoryGiB, string why)
    {
        var hardware = new Dictionary<ResourceType, decimal>();
        if (vcpus is { } cpu && memoryGiB is { } memory)
        {
            hardware[ResourceType.Processor] = cpu;
            hardware[ResourceType.Memory] = memory;
        }

        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<RequestSubmission>().SubmitAsync(new ServerRequestOrder
        {
            ImageId = Ubuntu,
            Placement = placement,
            PlatformId = platform,
            Hardware = hardware,
            Parameters = new Dictionary<string, string?> { ["adminPassword"] = "Correct-Horse-42" },
            Quantity = quantity,
            HostnamePattern = names,
            Justification = why,
            RequestedBy = "requester@portal.local",
        }, TestContext.Current.CancellationToken);
        Assert.True(submitted.IsValid, string.Join("; ", submitted.Errors.Select(e => $"{e.Field}: {e.Message}")));
        await WaitForTaskAsync(submitted.Value.Id);
        return submitted.Value.Id;
    }

    private async Task WaitForTaskAsync(Guid requestId)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var scope = browser.Factory.Services.CreateAsyncScope();
            var open = await scope.ServiceProvider.GetRequiredService<ApprovalTasks>().OpenAsync(TestContext.Current.CancellationToken);
            if (open.Any(t => t.RequestId == requestId))
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new Xunit.Sdk.XunitException($"Request {requestId} never waited for an approval.");
    }

    private async Task<ServerRequest?> RequestAsync(Guid id)
    {
        await using var scope = browser.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IRequestStore>().FindAsync(id, TestContext.Current.CancellationToken);
    }
}
