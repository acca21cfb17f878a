using System.Text.Json;
using Microsoft.Playwright;
using Portal.Web.Tests.Provisioning;

namespace Portal.Browser.Tests;

/// <summary>
/// Riya changes the provisioning workflow in the designer: she drags a Delay from the palette, connects it between
/// Start and the approval, gives it a duration, validates and publishes version 2 with a comment. A request made
/// afterwards runs on version 2; one made before, suspended on its approval, stays on version 1.
/// </summary>
public sealed class DesignerJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_adds_a_delay_publishes_version_2_and_only_new_requests_run_on_it()
    {
        var page = await browser.SignedInPageAsync("admin@portal.local");
        await page.SetViewportSizeAsync(1920, 1080);
        var before = await SubmitAsync(page, "designer-before-01");
        var beforeInstance = await InstanceOfAsync(page, before);
        await WaitForAsync(page, beforeInstance, i => i.GetProperty("status").GetString() == "Suspended");

        await BrowserFixture.GotoInteractiveAsync(page, "/admin/workflows");
        var row = page.Locator("tr", new() { Has = page.Locator("[data-workflow=server-provisioning]") });
        await Assertions.Expect(row.Locator("[data-testid=published]")).ToContainTextAsync("v1");
        await Assertions.Expect(row.Locator("[data-testid=suspended]")).Not.ToHaveTextAsync("0");
        await BrowserFixture.ScreenshotAsync(page, "designer-01-workflows");

        await row.Locator("[data-testid=workflow-link]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/admin/workflows/server-provisioning", StringComparison.Ordinal));
        var start = Node(page, "start");
        var approval = Node(page, "approval");
        await Assertions.Expect(approval).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "designer-02-opened");

        // Drag a Delay from the palette to below Start and the approval.
        var startBox = (await start.BoundingBoxAsync())!;
        var canvasBox = (await page.Locator("[data-testid=designer-canvas]").BoundingBoxAsync())!;
        await page.Locator("[data-testid=palette-item][data-type=Delay]").DragToAsync(page.Locator("[data-testid=designer-canvas]"), new()
        {
            TargetPosition = new() { X = startBox.X - canvasBox.X + 40, Y = startBox.Y - canvasBox.Y + startBox.Height + 120 },
        });
        var delay = page.Locator("[data-testid=activity-node][data-type=Delay]");
        await Assertions.Expect(delay).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=activity-properties]")).ToHaveAttributeAsync("data-activity", "delay");
        await BrowserFixture.ScreenshotAsync(page, "designer-03-delay-dropped");

        // Start → Delay → approval, instead of Start → approval.
        await ConnectAsync(page, Port(start, "Done"), delay.Locator(".activity-port-in"));
        await ConnectAsync(page, Port(delay, "Done"), approval.Locator(".activity-port-in"));
        await ClickLinkAsync(page, "start|Done|approval");
        await Assertions.Expect(page.Locator("[data-testid=connection-properties]")).ToContainTextAsync("Approve the request");
        await page.Locator("[data-testid=delete-connection]").ClickAsync();
        await Assertions.Expect(page.Locator("g[data-link-id='start|Done|approval']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("g[data-link-id='start|Done|delay']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("g[data-link-id='delay|Done|approval']")).ToHaveCountAsync(1);

        // Its duration: two seconds, the unit always beside the number.
        await delay.ClickAsync();
        var duration = page.Locator("[data-testid=input][data-input=duration]");
        await duration.Locator("[data-testid=duration-amount]").FillAsync("2");
        await duration.Locator("[data-testid=duration-amount]").PressAsync("Tab");
        await duration.Locator("[data-testid=duration-unit]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "seconds" }).ClickAsync();
        await Assertions.Expect(duration.Locator("[data-testid=duration-unit]")).ToHaveTextAsync("seconds");
        await BrowserFixture.ScreenshotAsync(page, "designer-04-connected-with-duration");

        await page.Locator("[data-testid=validate]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=problems-summary]")).ToContainTextAsync("No problems");
        await BrowserFixture.ScreenshotAsync(page, "designer-05-validated");

        await page.Locator("[data-testid=publish]").ClickAsync();
        await page.Locator("[data-testid=publish-comment] textarea, textarea[data-testid=publish-comment]").First.FillAsync("Wait two seconds before asking for approval.");
        await BrowserFixture.ScreenshotAsync(page, "designer-06-publish-comment");
        await page.Locator("[data-testid=publish-confirm]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=published-version]")).ToHaveTextAsync("published v2");
        await BrowserFixture.ScreenshotAsync(page, "designer-07-published");
        await page.Locator("[data-testid=history-toggle]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=version][data-version='2'] [data-testid=version-comment]"))
            .ToHaveTextAsync("Wait two seconds before asking for approval.");
        await BrowserFixture.ScreenshotAsync(page, "designer-07b-history");

        // What was published is what was drawn.
        var published = JsonDocument.Parse(await (await page.APIRequest.GetAsync("/api/workflows/server-provisioning/versions/2")).TextAsync()).RootElement;
        var delayNode = published.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("type").GetString() == "Delay");
        Assert.Equal("00:00:02", delayNode.GetProperty("inputs").GetProperty("duration").GetProperty("value").GetString());
        var connections = published.GetProperty("connections").EnumerateArray()
            .Select(c => $"{c.GetProperty("from").GetString()}|{c.GetProperty("outcome").GetString()}|{c.GetProperty("to").GetString()}").ToList();
        Assert.Contains("start|Done|delay", connections);
        Assert.Contains("delay|Done|approval", connections);
        Assert.DoesNotContain("start|Done|approval", connections);

        var after = await SubmitAsync(page, "designer-after-01");
        var afterInstance = await InstanceOfAsync(page, after);
        var afterState = await WaitForAsync(page, afterInstance, i => i.GetProperty("status").GetString() == "Suspended"
            && i.GetProperty("journal").EnumerateArray().Any(e => e.GetProperty("activityId").GetString() == "delay"));
        Assert.Equal(2, afterState.GetProperty("definitionVersion").GetInt32());

        var beforeState = await WaitForAsync(page, beforeInstance, _ => true);
        Assert.Equal(1, beforeState.GetProperty("definitionVersion").GetInt32());
        Assert.Equal("Suspended", beforeState.GetProperty("status").GetString());
        Assert.DoesNotContain(beforeState.GetProperty("journal").EnumerateArray(), e => e.GetProperty("activityId").GetString() == "delay");

        await BrowserFixture.GotoInteractiveAsync(page, "/admin/workflows");
        await BrowserFixture.ScreenshotAsync(page, "designer-08-workflows-after");
    }

    [Fact]
    public async Task The_second_of_two_admins_saving_the_same_draft_is_refused_and_told_who_changed_it_and_when()
    {
        var first = await browser.SignedInPageAsync("admin@portal.local");
        var second = await browser.SignedInPageAsync("admin@portal.local");
        await BrowserFixture.GotoInteractiveAsync(first, "/admin/workflows/server-decommission");
        await BrowserFixture.GotoInteractiveAsync(second, "/admin/workflows/server-decommission");
        await Assertions.Expect(Node(first, "powerOff")).ToBeVisibleAsync();
        await Assertions.Expect(Node(second, "powerOff")).ToBeVisibleAsync();

        await first.Locator("[data-testid=auto-layout]").ClickAsync();
        await first.Locator("[data-testid=save]").ClickAsync();
        await Assertions.Expect(first.Locator("[data-testid=draft-state]")).ToBeVisibleAsync();
        await Assertions.Expect(first.Locator("[data-testid=unsaved]")).ToHaveCountAsync(0);

        await second.Locator("[data-testid=auto-layout]").ClickAsync();
        await second.Locator("[data-testid=save]").ClickAsync();
        var refused = second.Locator("[data-testid=save-conflict]");
        await Assertions.Expect(refused).ToContainTextAsync("changed by admin@portal.local at");
        await Assertions.Expect(refused).ToContainTextAsync("nothing was saved");
        await Assertions.Expect(second.Locator("[data-testid=unsaved]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(second, "designer-conflict");
    }

    private static ILocator Node(IPage page, string id) => page.Locator($"[data-testid=activity-node][data-activity='{id}']");

    private static ILocator Port(ILocator node, string outcome) => node.Locator($"[data-outcome='{outcome}'] .activity-port-out");

    /// <summary>Clicks a connection on its line (halfway along it), as a person picks a link.</summary>
    private static async Task ClickLinkAsync(IPage page, string linkId)
    {
        var middle = await page.Locator($"g[data-link-id='{linkId}'] path").First.EvaluateAsync<JsonElement>("""
            path => {
                const p = path.getPointAtLength(path.getTotalLength() / 2);
                const m = path.getScreenCTM();
                return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
            }
            """);
        await page.Mouse.ClickAsync(middle.GetProperty("x").GetSingle(), middle.GetProperty("y").GetSingle());
    }

    /// <summary>Drags a connection from an outcome's dot to an activity's input dot, with the pointer as a person moves it.</summary>
    private static async Task ConnectAsync(IPage page, ILocator from, ILocator to)
    {
        var source = (await from.BoundingBoxAsync())!;
        var target = (await to.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(source.X + source.Width / 2, source.Y + source.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((source.X + target.X) / 2, (source.Y + target.Y) / 2, new() { Steps = 5 });
        await page.Mouse.MoveAsync(target.X + target.Width / 2, target.Y + target.Height / 2, new() { Steps = 5 });
        await page.Mouse.UpAsync();
    }

    private static async Task<string> SubmitAsync(IPage page, string hostname)
    {
        var response = await page.APIRequest.PostAsync("/api/requests", new()
        {
            DataObject = new
            {
                imageId = ProvisioningPortal.Ubuntu,
                placement = "Virtual",
                platformId = ProvisioningPortal.SimulatedVirtual,
                hardware = new Dictionary<string, decimal> { ["Processor"] = 2, ["Memory"] = 4 },
                parameters = new Dictionary<string, object?> { ["adminPassword"] = ProvisioningPortal.Secret },
                quantity = 1,
                hostnamePattern = hostname,
                justification = "A test server for the designer journey.",
            },
        });
        Assert.True(response.Ok, await response.TextAsync());
        return JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<string> InstanceOfAsync(IPage page, string requestId)
    {
        var request = JsonDocument.Parse(await (await page.APIRequest.GetAsync($"/api/requests/{requestId}")).TextAsync()).RootElement;
        return request.GetProperty("workflowInstanceId").GetString()!;
    }

    /// <summary>Polls the instance over the API until it satisfies the condition; fails with the instance as it stands.</summary>
    private static async Task<JsonElement> WaitForAsync(IPage page, string instanceId, Func<JsonElement, bool> condition)
    {
        JsonElement instance = default;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            instance = JsonDocument.Parse(await (await page.APIRequest.GetAsync($"/api/workflow-instances/{instanceId}")).TextAsync()).RootElement;
            if (condition(instance))
            {
                return instance;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"Instance {instanceId} did not get there: {instance}");
    }
}
