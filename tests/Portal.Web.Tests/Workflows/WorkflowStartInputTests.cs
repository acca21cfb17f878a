using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Web.Tests.Workflows;

/// <summary>A start through the API is checked against the inputs the definition declares, before any instance exists.</summary>
public sealed class WorkflowStartInputTests(AdminPortal app) : IClassFixture<AdminPortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Typed(string id, string delay = "\"2\"") => $$"""
        { "schemaVersion": 1, "id": "{{id}}", "name": "Typed {{id}}",
          "inputs": [ { "name": "serverId", "type": "guid", "required": true },
                      { "name": "count", "type": "integer" },
                      { "name": "wait", "type": "duration" } ],
          "activities": [ { "id": "start", "type": "Start" },
                          { "id": "pause", "type": "Delay", "inputs": { "duration": { "value": {{delay}} } } },
                          { "id": "end", "type": "End" } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "pause" }, { "from": "pause", "outcome": "Done", "to": "end" } ] }
        """;

    private static async Task<HttpResponseMessage> PublishAsync(HttpClient admin, string id, string json)
    {
        using var draft = await admin.PutAsync($"/api/workflows/{id}/draft", new StringContent(json, Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        return await admin.PostAsync($"/api/workflows/{id}/publish", null, Token);
    }

    private static async Task<JsonArray> InstancesOfAsync(HttpClient admin, string id) =>
        (await admin.GetFromJsonAsync<JsonArray>($"/api/workflow-instances?definitionId={id}", Token))!;

    [Fact]
    public async Task A_start_with_inputs_of_the_wrong_kind_is_a_400_keyed_by_input_and_creates_no_instance()
    {
        using var admin = await app.AdminAsync();
        using (var published = await PublishAsync(admin, "typed-wrong", Typed("typed-wrong")))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }

        using var response = await admin.PostAsJsonAsync("/api/workflows/typed-wrong/instances",
            new { serverId = 42, count = 2.5, wait = "soon", colour = "red" }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!.AsObject();
        Assert.Equal(["inputs.colour", "inputs.count", "inputs.serverId", "inputs.wait"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("must be an id like", (string)errors["inputs.serverId"]![0]!, StringComparison.Ordinal);
        Assert.Contains("must be a whole number", (string)errors["inputs.count"]![0]!, StringComparison.Ordinal);
        Assert.Contains("\"soon\" is not a duration", (string)errors["inputs.wait"]![0]!, StringComparison.Ordinal);
        Assert.Empty(await InstancesOfAsync(admin, "typed-wrong"));
    }

    [Fact]
    public async Task A_start_with_inputs_of_the_declared_kinds_is_accepted()
    {
        using var admin = await app.AdminAsync();
        using (var published = await PublishAsync(admin, "typed-right", Typed("typed-right")))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }

        using var response = await admin.PostAsJsonAsync("/api/workflows/typed-right/instances",
            new { serverId = Guid.NewGuid().ToString(), count = 3, wait = "5m" }, Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var instance = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        Assert.Single(await InstancesOfAsync(admin, "typed-right"));
        // The Delay's "2" is two seconds: its timer is due two seconds after the instance was created, not two days.
        var due = DateTimeOffset.Parse((string)instance["bookmarks"]![0]!["dueAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        var created = DateTimeOffset.Parse((string)instance["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(due - created, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Inputs_that_are_not_a_json_object_are_refused()
    {
        using var admin = await app.AdminAsync();
        using (var published = await PublishAsync(admin, "typed-array", Typed("typed-array")))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }

        using var response = await admin.PostAsync("/api/workflows/typed-array/instances", new StringContent("[1, 2]", Encoding.UTF8, "application/json"), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!.AsObject().ContainsKey("inputs"));
        Assert.Empty(await InstancesOfAsync(admin, "typed-array"));
    }

    [Fact]
    public async Task Publishing_a_delay_whose_duration_is_not_one_is_refused_naming_the_field()
    {
        using var admin = await app.AdminAsync();

        using var published = await PublishAsync(admin, "typed-delay", Typed("typed-delay", delay: "\"2 days\""));

        Assert.Equal(HttpStatusCode.BadRequest, published.StatusCode);
        var errors = (await published.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!.AsObject();
        Assert.Contains("\"2 days\" is not a duration", (string)errors["activities[pause].inputs.duration"]![0]!, StringComparison.Ordinal);
    }
}
