using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Hosting.Http;
using Portal.Web.Tests.Library;

namespace Portal.Web.Tests.Security;

/// <summary>
/// The cross-site request check on the real pipeline: the issue's attack (the admin's cookie, a foreign Origin, a
/// text/plain body) publishing an image and importing an OVF is refused and changes nothing; the portal's own pages,
/// Blazor's SignalR negotiation and clients that send no browser headers keep working.
/// </summary>
public sealed class HttpCrossSiteRequestTests(AdminPortal app) : IClassFixture<AdminPortal>
{
    /// <summary>The portal's own origin as the in-memory test server sees requests.</summary>
    private const string OwnOrigin = "http://localhost";
    private const string DebianId = "1d0c0000-0000-4000-8000-000000000004";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publishing_with_the_cookie_from_a_foreign_origin_as_text_plain_is_refused_and_the_image_stays_a_draft()
    {
        using var admin = await app.AdminAsync();
        var id = await CreateDraftAsync(admin, "Forgery target 1");

        using var attack = Post($"/api/images/{id}/publish", "text/plain", "{}");
        attack.Headers.Add("Origin", "https://evil.example");
        using var response = await admin.SendAsync(attack, Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Draft", await LifecycleAsync(admin, id));
    }

    [Fact]
    public async Task Importing_an_ovf_with_the_cookie_from_a_foreign_origin_as_text_plain_is_refused_and_nothing_is_imported()
    {
        using var admin = await app.AdminAsync();
        var ovf = await ForgedOvfAsync(admin, "Forged import 7c1e");

        using var attack = Post("/api/images/import/ovf?fileName=x.ovf", "text/plain", ovf);
        attack.Headers.Add("Origin", "https://evil.example");
        using var response = await admin.SendAsync(attack, Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await CountAsync(admin, "Forged import 7c1e"));
    }

    [Fact]
    public async Task A_text_plain_body_is_refused_with_415_even_without_browser_headers_and_nothing_is_imported()
    {
        using var admin = await app.AdminAsync();
        var ovf = await ForgedOvfAsync(admin, "Forged import 9d2f");

        using var response = await admin.SendAsync(Post("/api/images/import/ovf?fileName=x.ovf", "text/plain", ovf), Token);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await CountAsync(admin, "Forged import 9d2f"));
    }

    /// <summary>Every endpoint that reads its JSON body itself (routing checks the others' declared bodies).</summary>
    public static TheoryData<string> JsonBodyEndpoints => [.. JsonBodyCall.Endpoints];

    /// <summary>
    /// Each body type other than JSON (none included) gets a 415 problem and changes nothing; the same body as JSON then
    /// does what it asks, so the refusal was about the type and the probe sees a change when there is one.
    /// </summary>
    [Theory]
    [MemberData(nameof(JsonBodyEndpoints))]
    public async Task A_body_that_is_not_json_to_a_json_endpoint_is_refused_with_415_and_nothing_changes(string endpoint)
    {
        using var admin = await app.AdminAsync();
        var call = await JsonBodyCall.PrepareAsync(admin, endpoint, Token);
        var before = await call.ProbeAsync();

        foreach (var contentType in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/octet-stream", null })
        {
            using var refused = await admin.SendAsync(call.Request(contentType), Token);

            Assert.True(refused.StatusCode == HttpStatusCode.UnsupportedMediaType,
                $"{endpoint} with Content-Type '{contentType ?? "(none)"}' answered {(int)refused.StatusCode}: {await refused.Content.ReadAsStringAsync(Token)}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(before == await call.ProbeAsync(), $"{endpoint} with Content-Type '{contentType ?? "(none)"}' was refused but changed what it acts on.");
        }

        using var taken = await admin.SendAsync(call.Request("application/json"), Token);
        Assert.True(taken.StatusCode == call.Success, $"{endpoint} as JSON answered {(int)taken.StatusCode}: {await taken.Content.ReadAsStringAsync(Token)}");
        Assert.NotEqual(before, await call.ProbeAsync());
    }

    [Fact]
    public void Every_endpoint_that_reads_its_own_json_body_is_in_the_415_test()
    {
        var declared = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<JsonBodyMetadata>() is not null)
            .Select(e => $"{e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single()} {e.RoutePattern.RawText!.TrimEnd('/')}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(JsonBodyCall.Endpoints.Order(StringComparer.Ordinal), declared);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/vnd.portal.image+json")]
    public async Task Any_json_media_type_is_taken_by_an_endpoint_that_reads_json_itself(string contentType)
    {
        using var admin = await app.AdminAsync();
        var name = $"Json type {contentType.Length}";

        using var response = await admin.SendAsync(Post("/api/images", contentType, LibraryApiTests.NewImage(name).ToJsonString()), Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await CountAsync(admin, name));
    }

    [Theory]
    [InlineData("POST /api/workflows/{id}/publish")]
    [InlineData("POST /api/workflows/{id}/instances")]
    public async Task An_endpoint_whose_json_body_is_optional_still_takes_none(string endpoint)
    {
        using var admin = await app.AdminAsync();
        var call = await JsonBodyCall.PrepareAsync(admin, endpoint, Token);

        using var response = await admin.PostAsync(call.Path, null, Token);

        Assert.True(response.StatusCode == call.Success, $"{endpoint} without a body answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Token)}");
    }

    [Theory]
    [InlineData("cross-site", null)]
    [InlineData("cross-site", OwnOrigin)] // the browser's word wins over a header that looks right
    [InlineData("same-site", "http://other.localhost")]
    [InlineData("same-site", null)]
    [InlineData(null, "http://localhost:8080")] // another port is another origin
    [InlineData(null, "https://localhost")] // and another scheme
    [InlineData(null, "null")] // a sandboxed frame or a file
    public async Task A_browser_request_from_another_site_is_refused_and_the_image_stays_a_draft(string? fetchSite, string? origin)
    {
        using var admin = await app.AdminAsync();
        var id = await CreateDraftAsync(admin, $"Forgery target {fetchSite}-{origin}");

        using var attack = Post($"/api/images/{id}/publish", "application/json", "{}");
        AddBrowserHeaders(attack, fetchSite, origin);
        using var response = await admin.SendAsync(attack, Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Draft", await LifecycleAsync(admin, id));
    }

    [Theory]
    [InlineData("same-origin", OwnOrigin)]
    [InlineData(null, OwnOrigin)] // an older browser: Origin only
    [InlineData("same-origin", null)]
    [InlineData(null, null)] // a script, curl: neither header
    public async Task A_request_from_the_portal_itself_or_from_a_script_publishes(string? fetchSite, string? origin)
    {
        using var admin = await app.AdminAsync();
        var id = await CreateDraftAsync(admin, $"Publish target {fetchSite}-{origin}");

        using var request = Post($"/api/images/{id}/publish", "application/json", "{}");
        AddBrowserHeaders(request, fetchSite, origin);
        using var response = await admin.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Published", await LifecycleAsync(admin, id));
    }

    [Fact]
    public async Task An_ovf_import_from_a_script_still_works()
    {
        using var admin = await app.AdminAsync();
        var ovf = await ForgedOvfAsync(admin, "Scripted import 3b8e");

        using var response = await admin.SendAsync(Post("/api/images/import/ovf?fileName=x.ovf", "application/xml", ovf), Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await CountAsync(admin, "Scripted import 3b8e"));
    }

    [Fact]
    public async Task Blazors_signalr_negotiation_from_the_portals_own_page_still_works()
    {
        using var admin = await app.AdminAsync();

        using var request = Post("/_blazor/negotiate?negotiateVersion=1", "text/plain;charset=UTF-8", "");
        AddBrowserHeaders(request, "same-origin", OwnOrigin);
        using var response = await admin.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("connectionToken", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blazors_signalr_negotiation_from_another_site_is_refused()
    {
        using var admin = await app.AdminAsync();

        using var request = Post("/_blazor/negotiate?negotiateVersion=1", "text/plain;charset=UTF-8", "");
        AddBrowserHeaders(request, "cross-site", "https://evil.example");
        using var response = await admin.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_form_posted_from_another_site_is_refused()
    {
        using var client = app.Factory.CreateBrowserLikeClient();
        var page = await client.GetStringAsync("/Account/Login", Token);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = FormSignIn.AntiforgeryToken(page),
                ["Input.Email"] = "admin@portal.local",
                ["Input.Password"] = PortalAppFactory.DemoPassword,
            }),
        };
        AddBrowserHeaders(post, "cross-site", "https://evil.example");

        using var response = await client.SendAsync(post, Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var after = await client.GetAsync("/library", Token);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode); // still signed out
    }

    private static HttpRequestMessage Post(string path, string contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    private static void AddBrowserHeaders(HttpRequestMessage request, string? fetchSite, string? origin)
    {
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
    }

    /// <summary>A draft made the way a script would: JSON, no browser headers.</summary>
    private static async Task<string> CreateDraftAsync(HttpClient admin, string name)
    {
        using var created = await admin.PostAsync("/api/images", new StringContent(LibraryApiTests.NewImage(name).ToJsonString(), Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (string)(await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!;
    }

    private static async Task<string> LifecycleAsync(HttpClient admin, string id) =>
        (string)(await admin.GetFromJsonAsync<JsonObject>($"/api/images/{id}", Token))!["lifecycle"]!;

    private static async Task<string> ForgedOvfAsync(HttpClient admin, string name) =>
        (await admin.GetStringAsync($"/api/images/{DebianId}/ovf", Token)).Replace("Debian 12 minimal", name, StringComparison.Ordinal);

    private static async Task<int> CountAsync(HttpClient admin, string name) =>
        (int)(await admin.GetFromJsonAsync<JsonObject>($"/api/images?search={Uri.EscapeDataString(name)}", Token))!["totalCount"]!;
}
