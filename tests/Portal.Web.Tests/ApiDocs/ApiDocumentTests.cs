using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.ApiDocs;

namespace Portal.Web.Tests.ApiDocs;

/// <summary>
/// The OpenAPI document against the app's own endpoint data source: every API route and method is in it with a
/// summary and its authorization; it and the reference at /api/docs are for signed-in users; the reference loads its
/// script from the portal under the page's Content-Security-Policy.
/// </summary>
public sealed partial class ApiDocumentTests(AdminPortal app) : IClassFixture<AdminPortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<JsonObject> DocumentAsync()
    {
        using var admin = await app.AdminAsync();
        using var response = await admin.GetAsync("/openapi/v1.json", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync(Token)) as JsonObject)!;
    }

    /// <summary>"GET /api/images/{id}" for every method of every API endpoint the app maps (not the fallback, not the reference UI).</summary>
    private IReadOnlyList<string> MappedApiOperations()
    {
        var operations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (!raw.StartsWith("/api/", StringComparison.Ordinal) || endpoint.Order == int.MaxValue
                || raw.StartsWith(ApiDocsServiceExtensions.ReferencePath, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
            {
                operations.Add($"{method} {OpenApiPath(raw)}");
            }
        }

        return [.. operations];
    }

    /// <summary>A route pattern as OpenAPI writes it: "{id:guid}" is "{id}", "{**rest}" is "{rest}".</summary>
    private static string OpenApiPath(string pattern) => Parameter().Replace(pattern, m => "{" + m.Groups[1].Value + "}");

    private static IEnumerable<(string Key, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(op => op.Value is JsonObject && op.Key is "get" or "put" or "post" or "delete" or "patch" or "head" or "options")
            .Select(op => ($"{op.Key.ToUpperInvariant()} {path.Key}", op.Value!.AsObject())));

    [Fact]
    public async Task The_document_lists_every_mapped_api_endpoint()
    {
        var documented = Operations(await DocumentAsync()).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        var mapped = MappedApiOperations();
        Assert.True(mapped.Count > 60, $"Only {mapped.Count} API operations were found in the endpoint data source.");

        var missing = mapped.Where(op => !documented.Contains(op)).ToList();
        Assert.True(missing.Count == 0,
            $"{missing.Count} API endpoint(s) are missing from /openapi/v1.json (excluded from the description, or a method " +
            "the document cannot show):\n  " + string.Join("\n  ", missing));
    }

    [Fact]
    public async Task Every_operation_has_a_summary_and_says_who_may_call_it()
    {
        var undocumented = new List<string>();
        foreach (var (key, operation) in Operations(await DocumentAsync()))
        {
            var gaps = new List<string>();
            if (string.IsNullOrWhiteSpace((string?)operation["summary"]))
            {
                gaps.Add("no summary: add .WithSummary(\"…\") to its Map call");
            }

            if (!((string?)operation["description"] ?? "").Contains("**Authorization:**", StringComparison.Ordinal))
            {
                gaps.Add("no authorization note");
            }

            if (gaps.Count > 0)
            {
                undocumented.Add($"{key}: {string.Join("; ", gaps)}");
            }
        }

        Assert.True(undocumented.Count == 0, $"{undocumented.Count} operation(s) are not fully documented:\n  " + string.Join("\n  ", undocumented));
    }

    [Fact]
    public async Task Operations_note_their_problem_responses_roles_and_security_schemes()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToDictionary(o => o.Key, o => o.Operation);

        var getRequest = operations["GET /api/requests/{id}"];
        Assert.NotNull(getRequest["responses"]?["404"]?["content"]?["application/problem+json"]);
        Assert.NotNull(getRequest["responses"]?["401"]);
        Assert.Equal(2, getRequest["security"]!.AsArray().Count);

        var createToken = operations["POST /api/tokens"];
        Assert.NotNull(createToken["responses"]?["400"]);
        Assert.NotNull(createToken["responses"]?["403"]);

        var audit = operations["GET /api/audit"];
        Assert.Contains("role Admin", (string?)audit["description"]);
        Assert.NotNull(audit["responses"]?["403"]);

        var boot = operations["GET /api/boot/{token}/script"];
        Assert.Contains("anonymous", (string?)boot["description"]);

        var schemes = document["components"]?["securitySchemes"]?.AsObject();
        Assert.Equal("bearer", (string?)schemes?[ApiDocumentTransformer.BearerScheme]?["scheme"]);
        Assert.Equal("cookie", (string?)schemes?[ApiDocumentTransformer.CookieScheme]?["in"]);
    }

    [Fact]
    public async Task The_document_is_for_signed_in_callers_with_a_cookie_or_a_token()
    {
        using var anonymous = app.Factory.CreateBrowserLikeClient();
        using (var response = await anonymous.GetAsync("/openapi/v1.json", Token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var admin = await app.AdminAsync();
        var token = (string)(await Tokens.TokenPortal.CreateThroughApiAsync(admin, "openapi client"))["token"]!;
        using var script = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        script.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using (var response = await script.GetAsync("/openapi/v1.json", Token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_reference_loads_its_script_from_the_portal_under_the_page_policy_and_strangers_are_sent_to_sign_in()
    {
        using var anonymous = app.Factory.CreateBrowserLikeClient();
        using (var response = await anonymous.GetAsync(ApiDocsServiceExtensions.ReferencePath, Token))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location?.ToString());
        }

        using var admin = await app.AdminAsync();
        using var page = await admin.GetAsync(ApiDocsServiceExtensions.ReferencePath + "/", Token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Token);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = CspNonce().Match(csp).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(nonce), $"The page's policy has no script nonce: {csp}");

        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            var source = ScriptSource().Match(script);
            if (source.Success)
            {
                // From the portal itself: a relative address, fetched here to prove it is served.
                Assert.False(source.Groups[1].Value.Contains("//", StringComparison.Ordinal), $"A script from elsewhere: {script}");
                var url = new Uri(new Uri(admin.BaseAddress!, page.RequestMessage!.RequestUri!.AbsolutePath), source.Groups[1].Value);
                using var file = await admin.GetAsync(url, Token);
                Assert.True(file.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)file.StatusCode}");
                Assert.Contains("javascript", file.Content.Headers.ContentType?.MediaType);
            }
            else
            {
                Assert.Contains($"nonce=\"{nonce}\"", script);
            }
        }

        Assert.DoesNotContain("cdn.jsdelivr", html);
        Assert.DoesNotContain("fonts.scalar.com", html);
    }

    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"'nonce-([^']+)'")]
    private static partial Regex CspNonce();

    [GeneratedRegex(@"<script\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"\bsrc=""([^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();
}
