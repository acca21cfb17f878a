using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Portal.Web.Tests.Workflows;

/// <summary>
/// The definition editing API the designer's counterparts use: open with a revision (ETag), save with If-Match,
/// a stale save answered 409 naming who changed it and when, history, revert, publish with a comment, duplicate,
/// delete a draft; all for admins only.
/// </summary>
public sealed class DefinitionEditingApiTests(WorkflowApiTests.App app) : IClassFixture<WorkflowApiTests.App>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Json(string id, string message) => $$"""
        { "schemaVersion": 1, "id": "{{id}}", "name": "Edited {{id}}",
          "activities": [ { "id": "start", "type": "Start" }, { "id": "say", "type": "Log", "inputs": { "message": { "value": "{{message}}" } } }, { "id": "end", "type": "End" } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "say" }, { "from": "say", "outcome": "Done", "to": "end" } ] }
        """;

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient admin, string id, string message, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/workflows/{id}/draft") { Content = Body(Json(id, message)) };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        return await admin.SendAsync(request, Token);
    }

    private static async Task<(JsonObject Body, string ETag)> OpenAsync(HttpClient admin, string id)
    {
        using var response = await admin.GetAsync($"/api/workflows/{id}", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonObject>(Token))!, response.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task A_second_save_on_the_same_revision_is_a_409_naming_who_saved_and_nothing_is_overwritten()
    {
        using var admin = await app.AdminAsync();
        using var created = await admin.PostAsync("/api/workflows", Body(Json("edited-twice", "one")), Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var (opened, etag) = await OpenAsync(admin, "edited-twice");
        Assert.Equal("one", (string)opened["definition"]!["activities"]![1]!["inputs"]!["message"]!["value"]!);
        Assert.True((bool)opened["isDraft"]!);

        using var first = await SaveAsync(admin, "edited-twice", "first", etag);
        using var second = await SaveAsync(admin, "edited-twice", "second", etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(etag, first.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = (await second.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        Assert.Equal("admin@portal.local", (string)problem["changedBy"]!);
        Assert.Contains("changed by admin@portal.local at", (string)problem["detail"]!, StringComparison.Ordinal);
        var (now, _) = await OpenAsync(admin, "edited-twice");
        Assert.Equal("first", (string)now["definition"]!["activities"]![1]!["inputs"]!["message"]!["value"]!);
        // Without If-Match a save over an existing draft is refused too.
        using var blind = await SaveAsync(admin, "edited-twice", "blind", null);
        Assert.Equal(HttpStatusCode.Conflict, blind.StatusCode);
    }

    [Fact]
    public async Task Publish_with_a_comment_lists_in_history_and_revert_duplicate_and_delete_work()
    {
        using var admin = await app.AdminAsync();
        using var created = await admin.PostAsync("/api/workflows", Body(Json("with-history", "one")), Token);
        var etag = created.Headers.ETag!.ToString();
        using var publishRequest = new HttpRequestMessage(HttpMethod.Post, "/api/workflows/with-history/publish") { Content = JsonContent.Create(new { comment = "first cut" }) };
        publishRequest.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        using var published = await admin.SendAsync(publishRequest, Token);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        using var draft = await SaveAsync(admin, "with-history", "two", null);
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);

        var versions = (await admin.GetFromJsonAsync<JsonArray>("/api/workflows/with-history/versions", Token))!;
        Assert.Equal([0, 1], versions.Select(v => (int)v!["version"]!));
        Assert.Equal("first cut", (string)versions[1]!["comment"]!);
        Assert.Equal("admin@portal.local", (string)versions[1]!["savedBy"]!);
        Assert.Contains("\"one\"", await admin.GetStringAsync("/api/workflows/with-history/versions/1", Token), StringComparison.Ordinal);

        using var revertRequest = new HttpRequestMessage(HttpMethod.Post, "/api/workflows/with-history/versions/1/revert");
        revertRequest.Headers.IfMatch.Add(draft.Headers.ETag!);
        using var reverted = await admin.SendAsync(revertRequest, Token);
        Assert.Equal(HttpStatusCode.OK, reverted.StatusCode);
        var (opened, revertedTag) = await OpenAsync(admin, "with-history");
        Assert.Equal("one", (string)opened["definition"]!["activities"]![1]!["inputs"]!["message"]!["value"]!);

        using var copied = await admin.PostAsJsonAsync("/api/workflows/with-history/duplicate", new { id = "with-history-copy" }, Token);
        Assert.Equal(HttpStatusCode.Created, copied.StatusCode);
        var list = (await admin.GetFromJsonAsync<JsonArray>("/api/workflows", Token))!;
        var copy = list.Single(d => (string)d!["id"]! == "with-history-copy")!;
        Assert.Equal(("Edited with-history (copy)", true), ((string)copy["name"]!, (bool)copy["hasDraft"]!));
        var original = list.Single(d => (string)d!["id"]! == "with-history")!;
        Assert.Equal((1, 0), ((int)original["publishedVersion"]!, (int)original["running"]!));

        using var deleteStale = new HttpRequestMessage(HttpMethod.Delete, "/api/workflows/with-history/draft");
        deleteStale.Headers.IfMatch.Add(draft.Headers.ETag!);
        using var refused = await admin.SendAsync(deleteStale, Token);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        using var deleteRequest = new HttpRequestMessage(HttpMethod.Delete, "/api/workflows/with-history/draft");
        deleteRequest.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(revertedTag));
        using var deleted = await admin.SendAsync(deleteRequest, Token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var after = (await admin.GetFromJsonAsync<JsonArray>("/api/workflows/with-history/versions", Token))!;
        Assert.Equal([1], after.Select(v => (int)v!["version"]!));
    }

    [Fact]
    public async Task An_invalid_draft_is_not_published()
    {
        using var admin = await app.AdminAsync();
        var invalid = Json("never-valid", "x").Replace("\"from\": \"say\", \"outcome\": \"Done\"", "\"from\": \"say\", \"outcome\": \"Maybe\"", StringComparison.Ordinal);
        using var created = await admin.PostAsync("/api/workflows", Body(invalid), Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var published = await admin.PostAsJsonAsync("/api/workflows/never-valid/publish", new { comment = "please" }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, published.StatusCode);
        using var versions = await admin.GetAsync("/api/workflows/never-valid/versions/1", Token);
        Assert.Equal(HttpStatusCode.NotFound, versions.StatusCode);
    }

    [Fact]
    public async Task A_version_exports_as_BPMN_with_its_diagram()
    {
        using var admin = await app.AdminAsync();
        using var created = await admin.PostAsync("/api/workflows", Body(Json("exported", "hello")), Token);
        using var published = await admin.PostAsync("/api/workflows/exported/publish", null, Token);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        using var response = await admin.GetAsync("/api/workflows/exported/versions/1/bpmn", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        XNamespace bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
        Assert.Single(xml.Descendants(bpmn + "startEvent"));
        Assert.Equal("Log", (string)xml.Descendants(bpmn + "serviceTask").Single().Attribute(XNamespace.Get("urn:portal:workflow:bpmn:1") + "activityType")!);
        Assert.Equal(3, xml.Descendants(XNamespace.Get("http://www.omg.org/spec/BPMN/20100524/DI") + "BPMNShape").Count());
        using var missing = await admin.GetAsync("/api/workflows/exported/versions/7/bpmn", Token);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_Elsa_export_is_imported_as_a_draft_under_its_definition_id_listing_what_it_could_not_map()
    {
        using var admin = await app.AdminAsync();
        const string elsa = """
            { "id": "v7", "definitionId": "from-elsa", "name": "From Elsa", "version": 7, "toolVersion": "3.6.0.0",
              "root": { "id": "fc1", "type": "Elsa.Flowchart", "version": 1, "activities": [
                { "id": "s1", "name": "Start1", "type": "Elsa.Start", "version": 1, "metadata": { "designer": { "position": { "x": 0, "y": 0 } } } },
                { "text": { "typeName": "String", "expression": { "type": "Literal", "value": "hi" } }, "id": "w1", "name": "WriteLine1", "type": "Elsa.WriteLine", "version": 1, "metadata": { "designer": { "position": { "x": 200, "y": 0 } } } },
                { "id": "h1", "name": "HttpEndpoint1", "type": "Elsa.HttpEndpoint", "version": 1, "metadata": { "designer": { "position": { "x": 400, "y": 0 } } } } ],
                "connections": [
                  { "source": { "activity": "s1", "port": "Done" }, "target": { "activity": "w1", "port": "In" }, "vertices": [] },
                  { "source": { "activity": "w1", "port": "Done" }, "target": { "activity": "h1", "port": "In" }, "vertices": [] } ] } }
            """;

        using var imported = await admin.PostAsync("/api/workflows/import/elsa", Body(elsa), Token);

        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var body = (await imported.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        Assert.Equal("from-elsa", (string)body["id"]!);
        var unmapped = Assert.Single(body["unmapped"]!.AsArray())!;
        Assert.Equal(("h1", "Elsa.HttpEndpoint", "HttpEndpoint1"), ((string)unmapped["elsaId"]!, (string)unmapped["elsaType"]!, (string)unmapped["importedAs"]!));
        var (opened, _) = await OpenAsync(admin, "from-elsa");
        Assert.True((bool)opened["isDraft"]!);
        Assert.Equal(["Start", "Log", "Elsa.HttpEndpoint"], opened["definition"]!["activities"]!.AsArray().Select(a => (string)a!["type"]!));
        using var again = await admin.PostAsync("/api/workflows/import/elsa", Body(elsa), Token);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        using var renamed = await admin.PostAsync("/api/workflows/import/elsa?id=from-elsa-2", Body(elsa), Token);
        Assert.Equal(HttpStatusCode.Created, renamed.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/workflows/import/elsa")]
    [InlineData("GET", "/api/workflows/anything/versions/1/bpmn")]
    [InlineData("GET", "/api/workflows/anything")]
    [InlineData("GET", "/api/workflows/anything/versions")]
    [InlineData("POST", "/api/workflows")]
    [InlineData("POST", "/api/workflows/anything/versions/1/revert")]
    [InlineData("POST", "/api/workflows/anything/duplicate")]
    [InlineData("DELETE", "/api/workflows/anything/draft")]
    [InlineData("PUT", "/api/workflows/anything/draft")]
    [InlineData("POST", "/api/workflows/anything/publish")]
    public async Task Only_an_admin_may_edit_definitions(string method, string path)
    {
        var requester = app.Factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(requester, "requester@portal.local");
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : Body(Json("anything", "x")) };

        using var response = await requester.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
