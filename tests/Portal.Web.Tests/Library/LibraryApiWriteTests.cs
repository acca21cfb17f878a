using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Web.Tests.Library;

/// <summary>Writes to the library, on their own portal so the read tests' counts stay fixed.</summary>
public sealed class LibraryApiWriteTests(LibraryApiTests.App app) : IClassFixture<LibraryApiTests.App>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static JsonObject NewImage(string name) => LibraryApiTests.NewImage(name);

    [Fact]
    public async Task An_admin_creates_a_draft_image_that_requesters_do_not_see_until_published()
    {
        using var admin = await app.ClientAsync("admin@portal.local");
        using var requester = await app.ClientAsync("requester@portal.local");
        var body = NewImage("Alma Linux 9 base");

        using var created = await admin.PostAsync("/api/images", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!;
        Assert.Equal("Draft", (string)(await admin.GetFromJsonAsync<JsonObject>($"/api/images/{id}", Token))!["lifecycle"]!);

        using var hidden = await requester.GetAsync($"/api/images/{id}", Token);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        using var published = await admin.PostAsync($"/api/images/{id}/publish", null, Token);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        using var visible = await requester.GetAsync($"/api/images/{id}", Token);
        Assert.Equal(HttpStatusCode.OK, visible.StatusCode);
    }

    [Fact]
    public async Task An_invalid_image_is_refused_with_an_error_per_field()
    {
        using var admin = await app.ClientAsync("admin@portal.local");
        var body = NewImage("Broken template");
        body["hardware"]!["requirements"]![0]!["quantity"] = 0;

        using var response = await admin.PostAsync("/api/images", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("hardware.requirements[0].quantity"), errors.ToJsonString());
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_its_line()
    {
        using var admin = await app.ClientAsync("admin@portal.local");

        using var response = await admin.PostAsync("/api/images", new StringContent("{\n  \"name\": \"x\",\n  oops\n}", Encoding.UTF8, "application/json"), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 3", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }
}
