using System.Text.Json;
using Microsoft.Playwright;

namespace Portal.Browser.Tests;

/// <summary>Riya follows workflow runs: a started one is listed, she opens it and reads its journal, then looks at a failed one.</summary>
public sealed class WorkflowInstancesJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Definition = """
        { "schemaVersion": 1, "id": "journey-provisioning", "name": "Provision a test server",
          "inputs": [ { "name": "requestId", "type": "string", "required": true },
                      { "name": "bmcPassword", "type": "string", "secret": true } ],
          "variables": [ { "name": "hostname", "type": "string", "default": "" } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "name", "type": "SetVariable", "name": "Choose a hostname", "inputs": { "variable": { "value": "hostname" }, "value": { "expression": "'srv-' + input.requestId" } } },
            { "id": "log", "type": "Log", "name": "Announce", "inputs": { "message": { "expression": "'provisioning ' + variables.hostname" } } },
            { "id": "wait", "type": "WaitForSignal", "name": "Wait for the deployment", "inputs": { "signal": { "value": "deployment-finished" } } },
            { "id": "end", "type": "End" } ],
          "connections": [
            { "from": "start", "outcome": "Done", "to": "name" }, { "from": "name", "outcome": "Done", "to": "log" },
            { "from": "log", "outcome": "Done", "to": "wait" }, { "from": "wait", "outcome": "Done", "to": "end" } ] }
        """;

    [Fact]
    public async Task An_admin_finds_a_started_instance_and_reads_its_journal()
    {
        var page = await browser.SignedInPageAsync("admin@portal.local");
        var instanceId = await StartThroughTheApiAsync(page);

        await BrowserFixture.GotoInteractiveAsync(page, "/admin/workflows/instances");
        var row = page.Locator("tr", new() { Has = page.Locator($"[data-instance='{instanceId}']") });
        await Assertions.Expect(row.Locator("[data-testid=status]")).ToHaveAttributeAsync("data-status", "Suspended");
        await BrowserFixture.ScreenshotAsync(page, "workflow-instances");

        await row.Locator("[data-testid=instance-link]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/admin/workflows/instances/{instanceId}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-testid=journal-entry]")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("[data-testid=journal]")).ToContainTextAsync("Wait for the deployment");
        await Assertions.Expect(page.Locator("[data-testid=bookmark]")).ToContainTextAsync("deployment-finished");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("hunter2-bmc");
        await BrowserFixture.ScreenshotAsync(page, "workflow-instance");

        await page.GetByRole(AriaRole.Link, new() { Name = "Workflow instances" }).First.ClickAsync();
        await page.Locator("tr", new() { Has = page.Locator("[data-status=Faulted]") }).Locator("[data-testid=instance-link]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=fault-message]")).ToContainTextAsync("did not answer");
        await Assertions.Expect(page.Locator("[data-testid=retry]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "workflow-instance-faulted");
    }

    private const string Failing = """
        { "schemaVersion": 1, "id": "journey-decommission", "name": "Decommission a server",
          "inputs": [ { "name": "requestId", "type": "string", "required": true } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "power-off", "type": "Fault", "name": "Power off", "inputs": { "message": { "value": "The BMC at 10.20.0.12 did not answer." } } } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "power-off" } ] }
        """;

    private static async Task<string> StartThroughTheApiAsync(IPage page)
    {
        await PublishAsync(page, "journey-decommission", Failing);
        await PublishAsync(page, "journey-provisioning", Definition);

        // A run that fails, so the list shows more than one status.
        await StartAsync(page, "journey-decommission", "request-1000", """{ "requestId": "1000" }""");
        return await StartAsync(page, "journey-provisioning", "request-1001", """{ "requestId": "1001", "bmcPassword": "hunter2-bmc" }""");
    }

    private static async Task PublishAsync(IPage page, string id, string json)
    {
        var draft = await page.APIRequest.PutAsync($"/api/workflows/{id}/draft", new()
        {
            DataString = json,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        });
        Assert.True(draft.Ok, await draft.TextAsync());
        var published = await page.APIRequest.PostAsync($"/api/workflows/{id}/publish");
        Assert.True(published.Ok, await published.TextAsync());
    }

    private static async Task<string> StartAsync(IPage page, string id, string correlationId, string inputs)
    {
        var started = await page.APIRequest.PostAsync($"/api/workflows/{id}/instances?correlationId={correlationId}", new()
        {
            DataString = inputs,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        });
        Assert.True(started.Ok, await started.TextAsync());
        using var body = JsonDocument.Parse(await started.TextAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }
}
