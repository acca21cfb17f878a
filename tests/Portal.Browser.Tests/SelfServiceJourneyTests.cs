using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Portal.Browser.Tests;

/// <summary>
/// The self-service journey, end to end in the browser: Riya asks for a server from the catalog through the wizard,
/// an approver (and for bare metal an admin) signs off in the approvals inbox, and Riya's request page follows by
/// itself until the server is up and listed under My servers — or tells her why it was refused.
/// Every step is driven through the pages as a person would; each keeps a screenshot named journey-…-NN-step.
/// </summary>
public sealed partial class SelfServiceJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Riya = "requester@portal.local";
    private const string Alex = "approver@portal.local";
    private const string Sam = "admin@portal.local";
    private const string Ubuntu = "Ubuntu 24.04 LTS server";

    [Fact]
    public async Task A_requester_gets_a_virtual_server_an_approver_signed_off()
    {
        var name = UniqueName("riya-web");
        const string why = "A web front end for the team's release dashboard, to try the new caching layer.";
        var riya = await browser.SignedInPageAsync(Riya);
        var seen = new List<string>();

        var requestId = await RequestThroughTheWizardAsync(riya, new Order("virtual", name, why, Placement: "Virtual", Vcpus: 2, AdminUser: "deploy"), seen);

        await Assertions.Expect(Status(riya)).ToHaveAttributeAsync("data-status", "PendingApproval");
        await Assertions.Expect(Status(riya)).ToHaveTextAsync("Pending approval");
        await Assertions.Expect(riya.Locator("[data-testid=waiting-for]")).ToContainTextAsync("Waiting for an approver");
        await Assertions.Expect(riya.Locator("[data-testid=asked-parameter][data-name=adminUser]")).ToContainTextAsync("deploy");
        await Assertions.Expect(riya.Locator("[data-testid=asked-parameter][data-name=adminPassword]")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(riya, "journey-virtual-07-pending");
        seen.Add(await BodyTextAsync(riya));

        // Alex, in his own browser context, finds the request in his inbox with who asks, for what and why.
        var alex = await browser.SignedInPageAsync(Alex);
        await BrowserFixture.GotoInteractiveAsync(alex, "/approvals");
        var item = InboxItem(alex, requestId);
        await Assertions.Expect(item.Locator("[data-testid=requester]")).ToContainTextAsync(Riya);
        await Assertions.Expect(item.Locator("[data-testid=request-link]")).ToContainTextAsync(name);
        await Assertions.Expect(item.Locator("[data-testid=demand]")).ToContainTextAsync("2 vCPU");
        await Assertions.Expect(item.Locator("[data-testid=justification]")).ToContainTextAsync(why);
        await BrowserFixture.ScreenshotAsync(alex, "journey-virtual-08-inbox");
        seen.Add(await BodyTextAsync(alex));
        await item.Locator("[data-testid=approve]").ClickAsync();
        await Assertions.Expect(item).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(alex, "journey-virtual-09-approved");

        // Riya's page has stayed open, never reloaded: it moves to Completed by itself and shows the address.
        await Assertions.Expect(Status(riya)).ToHaveAttributeAsync("data-status", "Completed");
        await Assertions.Expect(Status(riya)).ToHaveTextAsync("Completed");
        var server = riya.Locator($"[data-testid=request-server][data-hostname='{name}']");
        await Assertions.Expect(server).ToHaveAttributeAsync("data-status", "Completed");
        await Assertions.Expect(server.Locator("[data-testid=server-ip]")).ToHaveTextAsync(IpAddress());
        var ip = (await server.Locator("[data-testid=server-ip]").TextContentAsync())!.Trim();
        await Assertions.Expect(riya.Locator("[data-testid=decision][data-outcome=Approved]")).ToContainTextAsync(Alex);
        await BrowserFixture.ScreenshotAsync(riya, "journey-virtual-10-completed");
        seen.Add(await BodyTextAsync(riya));

        await riya.GetByRole(AriaRole.Link, new() { Name = "My servers", Exact = true }).ClickAsync();
        await riya.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/servers");
        var row = ServerRow(riya, name);
        await Assertions.Expect(row.Locator("[data-testid=server-ip]")).ToHaveTextAsync(ip);
        await Assertions.Expect(row.Locator("[data-testid=server-status]")).ToHaveAttributeAsync("data-status", "Running");
        await Assertions.Expect(row.Locator("[data-testid=server-hardware]")).ToContainTextAsync("virtual");
        await BrowserFixture.ScreenshotAsync(riya, "journey-virtual-11-my-servers");
        seen.Add(await BodyTextAsync(riya));

        // The administrator password was left empty: the portal generated it and shows it once, to Riya only.
        await row.Locator("[data-testid=show-initial-password]").ClickAsync();
        var secret = riya.Locator("[data-testid=initial-password-value]");
        await Assertions.Expect(secret).ToHaveTextAsync(new Regex(@"\S{12,}"));
        var password = (await secret.TextContentAsync())!.Trim();
        await BrowserFixture.ScreenshotAsync(riya, "journey-virtual-12-initial-password");
        await riya.Locator("[data-testid=initial-password-stored]").ClickAsync();
        await Assertions.Expect(riya.Locator("[data-testid=initial-password-dialog]")).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator("[data-testid=show-initial-password]")).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator("[data-testid=initial-password-shown]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(riya, "journey-virtual-13-password-shown-once");

        // Nothing of the password was on any page before it was asked for, nor is it after the dialog closed.
        await Assertions.Expect(riya.Locator("body")).Not.ToContainTextAsync(password);
        await BrowserFixture.GotoInteractiveAsync(riya, $"/requests/{requestId}");
        await Assertions.Expect(Status(riya)).ToHaveAttributeAsync("data-status", "Completed");
        await Assertions.Expect(riya.Locator("body")).Not.ToContainTextAsync(password);
        Assert.All(seen, text => Assert.DoesNotContain(password, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_physical_request_needs_two_approvals()
    {
        var name = UniqueName("riya-db");
        const string why = "A bare-metal PostgreSQL replica for the reporting team's heavy nightly queries.";
        var riya = await browser.SignedInPageAsync(Riya);

        var requestId = await RequestThroughTheWizardAsync(riya, new Order("physical", name, why, Placement: "Physical", Platform: "Simulated bare-metal pool"));

        await Assertions.Expect(Status(riya)).ToHaveAttributeAsync("data-status", "PendingApproval");
        await Assertions.Expect(riya.Locator("[data-testid=waiting-for]")).ToContainTextAsync("Waiting for an approver");
        await BrowserFixture.ScreenshotAsync(riya, "journey-physical-07-pending");

        var alex = await browser.SignedInPageAsync(Alex);
        await BrowserFixture.GotoInteractiveAsync(alex, "/approvals");
        var first = InboxItem(alex, requestId);
        await Assertions.Expect(first.Locator("[data-testid=physical]")).ToBeVisibleAsync();
        await Assertions.Expect(first.Locator("[data-testid=justification]")).ToContainTextAsync(why);
        await BrowserFixture.ScreenshotAsync(alex, "journey-physical-08-approver-inbox");
        await first.Locator("[data-testid=approve]").ClickAsync();
        await Assertions.Expect(first).ToHaveCountAsync(0);

        // Approved once, the request still waits: now for an admin, and Riya's page says so by itself.
        await Assertions.Expect(riya.Locator("[data-testid=waiting-for]")).ToContainTextAsync("Waiting for an admin");
        await Assertions.Expect(Status(riya)).ToHaveAttributeAsync("data-status", "PendingApproval");
        await Assertions.Expect(riya.Locator("[data-testid=decision][data-outcome=Approved]")).ToContainTextAsync(Alex);
        await BrowserFixture.ScreenshotAsync(riya, "journey-physical-09-waits-for-an-admin");

        var sam = await browser.SignedInPageAsync(Sam);
        await BrowserFixture.GotoInteractiveAsync(sam, "/approvals");
        var second = InboxItem(sam, requestId);
        await Assertions.Expect(second.Locator("[data-testid=requester]")).ToContainTextAsync(Riya);
        await Assertions.Expect(second.Locator("[data-testid=physical]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(sam, "journey-physical-10-admin-inbox");
        await second.Locator("[data-testid=approve]").ClickAsync();
        await Assertions.Expect(second).ToHaveCountAsync(0);

        await Assertions.Expect(Status(riya)).ToHaveAttributeAsync("data-status", "Completed");
        await Assertions.Expect(riya.Locator("[data-testid=decision][data-outcome=Approved]")).ToHaveCountAsync(2);
        var server = riya.Locator($"[data-testid=request-server][data-hostname='{name}']");
        await Assertions.Expect(server.Locator("[data-testid=server-ip]")).ToHaveTextAsync(IpAddress());
        await Assertions.Expect(server).ToContainTextAsync("Simulated bare-metal pool (physical)");
        await BrowserFixture.ScreenshotAsync(riya, "journey-physical-11-completed");

        await riya.GetByRole(AriaRole.Link, new() { Name = "My servers", Exact = true }).ClickAsync();
        await riya.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/servers");
        var row = ServerRow(riya, name);
        await Assertions.Expect(row.Locator("[data-testid=server-status]")).ToHaveAttributeAsync("data-status", "Running");
        await Assertions.Expect(row.Locator("[data-testid=server-hardware]")).ToContainTextAsync("physical");
        await Assertions.Expect(row).ToContainTextAsync("Simulated bare-metal pool");
        await BrowserFixture.ScreenshotAsync(riya, "journey-physical-12-my-servers");
    }

    [Fact]
    public async Task A_rejected_request_gives_back_what_it_held_and_says_why()
    {
        var name = UniqueName("riya-big");
        const string why = "A large build agent for the mobile team's nightly builds and UI test runs.";
        const string reason = "The mobile team already has two idle build agents: reuse one of those first.";

        // What the inventory has allocated before Riya asks, as Sam reads it on the inventory page.
        var sam = await browser.SignedInPageAsync(Sam);
        await BrowserFixture.GotoInteractiveAsync(sam, "/admin/inventory");
        var allocatedBefore = await AllocatedVcpuAsync(sam);
        await BrowserFixture.ScreenshotAsync(sam, "journey-rejected-00-inventory-before");

        var riya = await browser.SignedInPageAsync(Riya);
        var requestId = await RequestThroughTheWizardAsync(riya, new Order("rejected", name, why, Placement: "Virtual"));
        await Assertions.Expect(Status(riya)).ToHaveAttributeAsync("data-status", "PendingApproval");
        await BrowserFixture.ScreenshotAsync(riya, "journey-rejected-07-pending");

        var alex = await browser.SignedInPageAsync(Alex);
        await BrowserFixture.GotoInteractiveAsync(alex, "/approvals");
        var item = InboxItem(alex, requestId);
        await Assertions.Expect(item.Locator("[data-testid=justification]")).ToContainTextAsync(why);
        await item.Locator("[data-testid=reject]").ClickAsync();
        var dialog = alex.Locator(".mud-dialog");
        await alex.Locator("[data-testid=confirm-reject]").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Say why you reject");
        await BrowserFixture.ScreenshotAsync(alex, "journey-rejected-08-reject-needs-a-reason");
        await dialog.Locator("textarea").FillAsync(reason);
        await alex.Locator("[data-testid=confirm-reject]").ClickAsync();
        await Assertions.Expect(item).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(alex, "journey-rejected-09-rejected");

        // Riya's page, never reloaded, says it was rejected and why.
        await Assertions.Expect(Status(riya)).ToHaveAttributeAsync("data-status", "Rejected");
        await Assertions.Expect(Status(riya)).ToHaveTextAsync("Rejected");
        await Assertions.Expect(riya.Locator("[data-testid=request-message]")).ToContainTextAsync(reason);
        await Assertions.Expect(riya.Locator("[data-testid=decision][data-outcome=Rejected] [data-testid=decision-comment]")).ToContainTextAsync(reason);
        await Assertions.Expect(riya.Locator("[data-testid=cancel-request]")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(riya, "journey-rejected-10-says-why");

        // The host name is free again: a second request with the same name gets past the details step.
        await BrowserFixture.GotoInteractiveAsync(riya, "/catalog");
        await CatalogCard(riya, Ubuntu).Locator("[data-testid=request-server]").ClickAsync();
        await Assertions.Expect(riya.Locator("[data-testid=step-image]")).ToBeVisibleAsync();
        await NextAsync(riya, "step-size");
        await NextAsync(riya, "step-placement");
        await NextAsync(riya, "step-details");
        await riya.Locator("input[data-testid=hostname-pattern]").FillAsync(name);
        await riya.Locator("textarea[data-testid=justification]").FillAsync(why);
        await riya.Locator("textarea[data-testid=justification]").PressAsync("Tab");
        await NextAsync(riya, "step-review");
        await Assertions.Expect(riya.Locator("[data-testid=review-name]")).ToHaveTextAsync(name);
        await BrowserFixture.ScreenshotAsync(riya, "journey-rejected-11-name-free-again");
        await riya.Locator("[data-testid=wizard-cancel]").ClickAsync();
        await riya.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/catalog");

        // Nothing stays reserved: the inventory's allocated vCPU are what they were before the request.
        await BrowserFixture.GotoInteractiveAsync(sam, "/admin/inventory");
        Assert.Equal(allocatedBefore, await AllocatedVcpuAsync(sam));
        await BrowserFixture.ScreenshotAsync(sam, "journey-rejected-12-inventory-after");
    }

    /// <summary>
    /// Riya finds the image in the catalog and walks the wizard: size, placement, details, review, submit. Ends on the
    /// request's own page and returns its id. Screenshots journey-{name}-01 … -06.
    /// </summary>
    private static async Task<Guid> RequestThroughTheWizardAsync(IPage riya, Order order, List<string>? seen = null)
    {
        var shot = order.Journey;
        await BrowserFixture.GotoInteractiveAsync(riya, "/catalog");
        await riya.Locator("input[data-testid=catalog-search]").FillAsync("Ubuntu");
        // The search narrows the catalog to what mentions Ubuntu.
        await Assertions.Expect(riya.Locator("[data-testid=catalog-card]").Filter(new() { HasNotTextString = "Ubuntu" })).ToHaveCountAsync(0);
        var card = CatalogCard(riya, Ubuntu);
        await Assertions.Expect(card).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(riya, $"journey-{shot}-01-catalog");
        await card.Locator("[data-testid=request-server]").ClickAsync();

        await riya.WaitForURLAsync(WizardAddress());
        await Assertions.Expect(riya.Locator("[data-testid=wizard-image]")).ToContainTextAsync(Ubuntu);
        await Assertions.Expect(riya.Locator("[data-testid=step-image]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(riya, $"journey-{shot}-02-image");

        await NextAsync(riya, "step-size");
        var vcpu = riya.Locator("input[data-testid=size-Processor]");
        await Assertions.Expect(vcpu).ToHaveValueAsync("4");
        if (order.Vcpus is { } vcpus)
        {
            await vcpu.FillAsync(vcpus.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await vcpu.PressAsync("Tab");
            await Assertions.Expect(riya.Locator("[data-testid=size-summary]")).ToContainTextAsync($"{vcpus} vCPU");
        }

        await BrowserFixture.ScreenshotAsync(riya, $"journey-{shot}-03-size");

        await NextAsync(riya, "step-placement");
        var placement = riya.Locator($"input[data-testid=placement-{order.Placement}]");
        await placement.CheckAsync();
        await Assertions.Expect(placement).ToBeCheckedAsync();
        if (order.Platform is { } platformName)
        {
            var platform = riya.Locator("[data-testid=platform-option]", new() { Has = riya.Locator("[data-testid=platform-name]", new() { HasTextString = platformName }) });
            await Assertions.Expect(platform).ToHaveAttributeAsync("data-disabled", "false");
            await platform.Locator("input[type=radio]").CheckAsync();
            await Assertions.Expect(platform).ToHaveClassAsync(new Regex(@"\bselected\b"));
        }

        await BrowserFixture.ScreenshotAsync(riya, $"journey-{shot}-04-placement");

        await NextAsync(riya, "step-details");
        await riya.Locator("input[data-testid=hostname-pattern]").FillAsync(order.Name);
        await Assertions.Expect(riya.Locator("[data-testid=hostname-preview] [data-testid=hostname]")).ToHaveTextAsync(order.Name);
        if (order.AdminUser is { } adminUser)
        {
            await riya.Locator("input[data-testid=parameter-adminUser]").FillAsync(adminUser);
        }

        // The administrator password stays empty: the portal generates one and shows it once to the owner.
        await Assertions.Expect(riya.Locator("input[data-testid=parameter-adminPassword]")).ToHaveValueAsync("");
        var justification = riya.Locator("textarea[data-testid=justification]");
        await justification.FillAsync(order.Why);
        await justification.PressAsync("Tab");
        await BrowserFixture.ScreenshotAsync(riya, $"journey-{shot}-05-details");

        await NextAsync(riya, "step-review");
        var plan = riya.Locator("[data-testid=review-plan]");
        await Assertions.Expect(plan).ToContainTextAsync($"Set the host name {order.Name}");
        await Assertions.Expect(plan).ToContainTextAsync(order.Placement == "Physical" ? "physical" : "virtual machine", new() { IgnoreCase = true });
        await Assertions.Expect(riya.Locator("[data-testid=review-name]")).ToHaveTextAsync(order.Name);
        await Assertions.Expect(riya.Locator("[data-testid=review-justification]")).ToHaveTextAsync(order.Why);
        if (order.Platform is { } chosen)
        {
            await Assertions.Expect(riya.Locator("[data-testid=review-target]")).ToContainTextAsync(chosen);
        }

        if (order.Vcpus is { } asked)
        {
            await Assertions.Expect(riya.Locator("[data-testid=step-review]")).ToContainTextAsync($"{asked} vCPU");
        }

        await BrowserFixture.ScreenshotAsync(riya, $"journey-{shot}-06-review");
        seen?.Add(await BodyTextAsync(riya));

        await riya.Locator("[data-testid=submit-request]").ClickAsync();
        await riya.WaitForURLAsync(RequestAddress());
        await Assertions.Expect(riya.Locator("[data-testid=request-title]")).ToContainTextAsync(Ubuntu);
        await Assertions.Expect(riya.Locator("[data-testid=request-quantity]")).ToContainTextAsync(order.Name);
        return Guid.Parse(new Uri(riya.Url).Segments[^1]);
    }

    /// <summary>Presses Next and waits for the step it leads to.</summary>
    private static async Task NextAsync(IPage page, string step)
    {
        await page.Locator("[data-testid=wizard-next]").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid={step}]")).ToBeVisibleAsync();
    }

    /// <summary>The allocated vCPU of every virtual platform, as the inventory's vCPU chart writes them under its bars.</summary>
    private static async Task<IReadOnlyList<string>> AllocatedVcpuAsync(IPage admin)
    {
        var bars = admin.Locator("[data-testid=chart-vcpu] [data-testid=bar]");
        await Assertions.Expect(bars.First).ToBeVisibleAsync();
        return (await bars.AllInnerTextsAsync()).Select(text => text.Trim()).ToList();
    }

    private static ILocator Status(IPage page) => page.Locator("[data-testid=request-status]");

    private static ILocator InboxItem(IPage page, Guid requestId) => page.Locator($"[data-testid=inbox-item][data-request-id='{requestId}']");

    private static ILocator CatalogCard(IPage page, string image) =>
        page.Locator("[data-testid=catalog-card]", new() { Has = page.Locator("[data-testid=catalog-card-name]", new() { HasTextRegex = new Regex($"^{Regex.Escape(image)}$") }) });

    private static ILocator ServerRow(IPage page, string name) =>
        page.Locator("[data-testid=servers] tbody tr", new() { Has = page.Locator("[data-testid=server-name]", new() { HasTextRegex = new Regex($"^{Regex.Escape(name)}$") }) });

    private static Task<string> BodyTextAsync(IPage page) => page.Locator("body").InnerTextAsync();

    /// <summary>A host name no other test of this portal uses, so the journeys do not depend on their order.</summary>
    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    [GeneratedRegex(@"/catalog/[0-9a-f-]{36}/request$")]
    private static partial Regex WizardAddress();

    [GeneratedRegex(@"/requests/[0-9a-f-]{36}$")]
    private static partial Regex RequestAddress();

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}$")]
    private static partial Regex IpAddress();

    /// <summary>What Riya chooses and types in the wizard; <paramref name="Journey"/> prefixes the screenshots.</summary>
    private sealed record Order(string Journey, string Name, string Why, string Placement, string? Platform = null, int? Vcpus = null, string? AdminUser = null);
}
