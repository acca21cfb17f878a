using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Portal.Web.Tests.Library;

namespace Portal.Web.Tests.Security;

/// <summary>
/// One call to an endpoint that reads its JSON body itself, set up so it would succeed with that body as JSON, and a
/// probe of what the call changes (read back through the API) to show that a refused call changed nothing.
/// </summary>
public sealed record JsonBodyCall(HttpMethod Method, string Path, string Body, HttpStatusCode Success, Func<Task<string>> ProbeAsync)
{
    /// <summary>The revision an edit began from, for endpoints that check it.</summary>
    public string? IfMatch { get; init; }

    /// <summary>Every endpoint that declares <c>TakesJsonBody</c>, as the endpoint data source names it.</summary>
    public static IReadOnlyList<string> Endpoints { get; } =
    [
        "POST /api/images",
        "POST /api/platforms",
        "PUT /api/platforms/{id:guid}",
        "POST /api/workflows",
        "PUT /api/workflows/{id}/draft",
        "POST /api/workflows/{id}/publish",
        "POST /api/workflows/import/elsa",
        "POST /api/workflows/{id}/instances",
    ];

    public HttpRequestMessage Request(string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var request = new HttpRequestMessage(Method, Path) { Content = content };
        if (IfMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", IfMatch);
        }

        return request;
    }

    /// <summary>Creates what the call needs (a platform to change, a draft to publish…) under a fresh name.</summary>
    public static async Task<JsonBodyCall> PrepareAsync(HttpClient admin, string endpoint, CancellationToken token)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var workflow = $"json-body-{unique}";
        switch (endpoint)
        {
            case "POST /api/images":
                var image = $"Json body {unique}";
                return new(HttpMethod.Post, "/api/images", LibraryApiTests.NewImage(image).ToJsonString(), HttpStatusCode.Created,
                    async () => (await admin.GetFromJsonAsync<JsonObject>($"/api/images?search={image}", token))!["totalCount"]!.ToJsonString());
            case "POST /api/platforms":
                var platform = $"Json body {unique}";
                return new(HttpMethod.Post, "/api/platforms", Platform(platform).ToJsonString(), HttpStatusCode.Created,
                    async () => (await admin.GetFromJsonAsync<JsonArray>("/api/platforms", token))!.Count(p => (string)p!["name"]! == platform).ToString(System.Globalization.CultureInfo.InvariantCulture));
            case "PUT /api/platforms/{id:guid}":
                using (var created = await admin.PostAsync("/api/platforms", Json(Platform($"Json body {unique}")), token))
                {
                    Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                    var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>(token))!["id"]!;
                    return new(HttpMethod.Put, $"/api/platforms/{id}", Platform($"Json body renamed {unique}").ToJsonString(), HttpStatusCode.OK,
                        async () => (string)(await admin.GetFromJsonAsync<JsonObject>($"/api/platforms/{id}", token))!["name"]!);
                }

            case "POST /api/workflows":
                return new(HttpMethod.Post, "/api/workflows", Definition(workflow, "Created"), HttpStatusCode.Created, () => WorkflowNameAsync(admin, workflow, token));
            case "PUT /api/workflows/{id}/draft":
                var revision = await SaveDraftAsync(admin, workflow, token);
                return new(HttpMethod.Put, $"/api/workflows/{workflow}/draft", Definition(workflow, "Saved again"), HttpStatusCode.OK, () => WorkflowNameAsync(admin, workflow, token))
                {
                    IfMatch = revision,
                };
            case "POST /api/workflows/{id}/publish":
                await SaveDraftAsync(admin, workflow, token);
                return new(HttpMethod.Post, $"/api/workflows/{workflow}/publish", """{ "comment": "first" }""", HttpStatusCode.OK,
                    async () => (await admin.GetFromJsonAsync<JsonObject>($"/api/workflows/{workflow}", token))!["isDraft"]!.ToJsonString());
            case "POST /api/workflows/import/elsa":
                return new(HttpMethod.Post, "/api/workflows/import/elsa", Elsa(workflow), HttpStatusCode.Created, () => WorkflowNameAsync(admin, workflow, token));
            case "POST /api/workflows/{id}/instances":
                await SaveDraftAsync(admin, workflow, token);
                using (var published = await admin.PostAsync($"/api/workflows/{workflow}/publish", null, token))
                {
                    Assert.Equal(HttpStatusCode.OK, published.StatusCode);
                }

                return new(HttpMethod.Post, $"/api/workflows/{workflow}/instances", """{ "note": "hello" }""", HttpStatusCode.Accepted,
                    async () => (await admin.GetFromJsonAsync<JsonArray>($"/api/workflow-instances?definitionId={workflow}", token))!.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            default:
                throw new ArgumentException($"No call is set up for {endpoint}: add one here.", nameof(endpoint));
        }
    }

    /// <summary>Saves a new draft; answers its ETag.</summary>
    private static async Task<string> SaveDraftAsync(HttpClient admin, string id, CancellationToken token)
    {
        using var saved = await admin.PutAsync($"/api/workflows/{id}/draft", new StringContent(Definition(id, "Draft"), Encoding.UTF8, "application/json"), token);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return saved.Headers.ETag!.ToString();
    }

    /// <summary>The workflow's name as the API opens it, or the status when there is none.</summary>
    private static async Task<string> WorkflowNameAsync(HttpClient admin, string id, CancellationToken token)
    {
        using var response = await admin.GetAsync($"/api/workflows/{id}", token);
        return response.IsSuccessStatusCode
            ? (string)(await response.Content.ReadFromJsonAsync<JsonObject>(token))!["definition"]!["name"]!
            : response.StatusCode.ToString();
    }

    private static string Definition(string id, string name) => $$"""
        { "schemaVersion": 1, "id": "{{id}}", "name": "{{name}}",
          "inputs": [ { "name": "note", "type": "string" } ],
          "activities": [ { "id": "start", "type": "Start" }, { "id": "end", "type": "End" } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "end" } ] }
        """;

    private static string Elsa(string id) => $$"""
        { "id": "v1", "definitionId": "{{id}}", "name": "From Elsa", "version": 1, "toolVersion": "3.6.0.0",
          "root": { "id": "fc1", "type": "Elsa.Flowchart", "version": 1, "activities": [
            { "id": "s1", "name": "Start1", "type": "Elsa.Start", "version": 1, "metadata": { "designer": { "position": { "x": 0, "y": 0 } } } } ],
            "connections": [] } }
        """;

    private static JsonObject Platform(string name) => new()
    {
        ["name"] = name,
        ["kind"] = "Physical",
        ["technology"] = "Pxe",
        ["capabilities"] = new JsonObject { ["diskFormats"] = new JsonArray("Raw") },
        ["connection"] = new JsonObject { ["driver"] = "Redfish", ["uri"] = "https://bmc.json-body.lab", ["userName"] = "root", ["password"] = "not-a-secret" },
    };

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
