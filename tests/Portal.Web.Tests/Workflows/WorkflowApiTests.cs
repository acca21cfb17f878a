using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Web.Tests.Workflows;

public sealed class WorkflowApiTests(WorkflowApiTests.App app) : IClassFixture<WorkflowApiTests.App>
{
    public sealed class App : IAsyncDisposable
    {
        public PortalAppFactory Factory { get; } = new(new Dictionary<string, string?> { ["Portal:Workflows:PollIntervalMilliseconds"] = "50" });

        public async Task<HttpClient> AdminAsync()
        {
            var client = Factory.CreateBrowserLikeClient();
            await FormSignIn.SignInAsync(client, "admin@portal.local");
            return client;
        }

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Definition(string id, string activities, string connections) => $$"""
        { "schemaVersion": 1, "id": "{{id}}", "name": "Test {{id}}",
          "inputs": [ { "name": "requestId", "type": "string", "required": true } ],
          "variables": [ { "name": "approvals", "type": "number", "default": 0 } ],
          "activities": [ {{activities}} ],
          "connections": [ {{connections}} ] }
        """;

    private static readonly string Counting = Definition("counting",
        """{ "id": "start", "type": "Start" }, { "id": "count", "type": "SetVariable", "inputs": { "variable": { "value": "approvals" }, "value": { "expression": "variables.approvals + 1" } } }, { "id": "end", "type": "End" }""",
        """{ "from": "start", "outcome": "Done", "to": "count" }, { "from": "count", "outcome": "Done", "to": "end" }""");

    private static async Task PublishAsync(HttpClient admin, string id, string json)
    {
        using var draft = await admin.PutAsync($"/api/workflows/{id}/draft", new StringContent(json, Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        using var published = await admin.PostAsync($"/api/workflows/{id}/publish", null, Token);
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync(Token));
    }

    private static async Task<string> StartAsync(HttpClient admin, string id)
    {
        using var started = await admin.PostAsJsonAsync($"/api/workflows/{id}/instances", new { requestId = "r-1" }, Token);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        return (string)(await started.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!;
    }

    [Fact]
    public async Task Only_an_admin_may_use_the_workflow_api()
    {
        var requester = app.Factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(requester, "requester@portal.local");

        using var response = await requester.GetAsync("/api/workflows", Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_published_definition_runs_to_completion_on_the_worker()
    {
        using var admin = await app.AdminAsync();
        await PublishAsync(admin, "counting", Counting);

        var instanceId = await StartAsync(admin, "counting");
        var instance = await InstancePolling.WaitForStatusAsync(admin, instanceId, "Completed", Token);

        Assert.Equal(1, (double)instance["variables"]!["approvals"]!);
        Assert.Equal(3, instance["journal"]!.AsArray().Count);
        var versions = await admin.GetFromJsonAsync<JsonArray>("/api/workflows", Token);
        Assert.Contains(versions!, d => (string)d!["id"]! == "counting" && (int)d["latestVersion"]! == 1);
        var stored = await admin.GetStringAsync("/api/workflows/counting/versions/1", Token);
        Assert.Contains("\"expression\": \"variables.approvals + 1\"", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_draft_is_refused_with_its_line()
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PutAsync("/api/workflows/broken/draft", new StringContent("{\n \"schemaVersion\": 1,\n \"id\": \"broken\"\n \"name\": \"x\" }", Encoding.UTF8, "application/json"), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 4", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_an_invalid_draft_names_the_activity_and_field()
    {
        using var admin = await app.AdminAsync();
        var invalid = Counting.Replace("\"counting\"", "\"invalid\"", StringComparison.Ordinal)
            .Replace("{ \"from\": \"count\", \"outcome\": \"Done\"", "{ \"from\": \"count\", \"outcome\": \"Maybe\"", StringComparison.Ordinal);
        using var draft = await admin.PutAsync("/api/workflows/invalid/draft", new StringContent(invalid, Encoding.UTF8, "application/json"), Token);

        using var published = await admin.PostAsync("/api/workflows/invalid/publish", null, Token);

        Assert.Equal(HttpStatusCode.BadRequest, published.StatusCode);
        var errors = (await published.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("connections[1].outcome"), errors.ToJsonString());
    }

    [Fact]
    public async Task Starting_without_a_required_input_is_a_400_keyed_by_the_input()
    {
        using var admin = await app.AdminAsync();
        await PublishAsync(admin, "needs-input", Counting.Replace("\"counting\"", "\"needs-input\"", StringComparison.Ordinal));

        using var response = await admin.PostAsJsonAsync("/api/workflows/needs-input/instances", new { }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!.AsObject().ContainsKey("inputs.requestId"));
    }

    [Fact]
    public async Task A_waiting_instance_is_listed_and_an_admin_cancels_it()
    {
        using var admin = await app.AdminAsync();
        await PublishAsync(admin, "waiting", Definition("waiting",
            """{ "id": "start", "type": "Start" }, { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": { "value": "go" } } }""",
            """{ "from": "start", "outcome": "Done", "to": "wait" }"""));
        var instanceId = await StartAsync(admin, "waiting");
        await InstancePolling.WaitForStatusAsync(admin, instanceId, "Suspended", Token);

        var listed = await admin.GetFromJsonAsync<JsonArray>("/api/workflow-instances?status=Suspended&definitionId=waiting", Token);
        Assert.Contains(listed!, i => (string)i!["id"]! == instanceId);

        using var cancelled = await admin.PostAsync($"/api/workflow-instances/{instanceId}/cancel", null, Token);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        await InstancePolling.WaitForStatusAsync(admin, instanceId, "Cancelled", Token);
    }

    [Fact]
    public async Task A_faulted_instance_is_skipped_past_its_failed_activity_by_an_admin()
    {
        using var admin = await app.AdminAsync();
        await PublishAsync(admin, "faulty", Definition("faulty",
            """{ "id": "start", "type": "Start" }, { "id": "bad", "type": "SetVariable", "inputs": { "variable": { "value": "approvals" }, "value": { "expression": "variables.nothing.here" } } }, { "id": "end", "type": "End" }""",
            """{ "from": "start", "outcome": "Done", "to": "bad" }, { "from": "bad", "outcome": "Done", "to": "end" }"""));
        var instanceId = await StartAsync(admin, "faulty");
        var faulted = await InstancePolling.WaitForStatusAsync(admin, instanceId, "Faulted", Token);
        Assert.Contains("input 'value'", (string)faulted["faultMessage"]!, StringComparison.Ordinal);

        using var retried = await admin.PostAsync($"/api/workflow-instances/{instanceId}/retry", null, Token);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await InstancePolling.WaitForStatusAsync(admin, instanceId, "Faulted", Token);

        using var skipped = await admin.PostAsync($"/api/workflow-instances/{instanceId}/skip?outcome=Done", null, Token);
        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
        await InstancePolling.WaitForStatusAsync(admin, instanceId, "Completed", Token);
    }
}
