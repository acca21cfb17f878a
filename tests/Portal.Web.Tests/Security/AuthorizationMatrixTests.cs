using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Web.Tests.Security;

/// <summary>
/// The authorization matrix: every API endpoint and every routable page, read from the app's own endpoint data
/// source, called by every role, against the table in <see cref="AuthorizationMatrixTable"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixFixture fixture) : IClassFixture<AuthorizationMatrixFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>"GET /api/requests/{id:guid}" for each method of an API endpoint, "PAGE /requests/{Id:guid}" for a page.</summary>
    private IReadOnlyList<string> EndpointKeys()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in fixture.Portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (AuthorizationMatrixTable.NotRoutesOfThePortal.Any(prefix => pattern.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                || IsStaticFile(endpoint))
            {
                continue;
            }

            if (endpoint.Metadata.Any(m => m.GetType().Name == "ComponentTypeMetadata"))
            {
                keys.Add($"PAGE {pattern}");
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
            {
                keys.Add($"{method} {pattern}");
            }
        }

        return [.. keys];
    }

    /// <summary>A file served by MapStaticAssets (CSS, scripts, icons): public by design, and not a route of the portal.</summary>
    private static bool IsStaticFile(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().Name.StartsWith("StaticAsset", StringComparison.Ordinal))
        || (endpoint.DisplayName ?? "").StartsWith("Static Asset", StringComparison.OrdinalIgnoreCase);

    [Fact]
    public async Task Every_endpoint_of_the_app_has_a_row_in_the_matrix()
    {
        var known = AuthorizationMatrixTable.Rows.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var missing = EndpointKeys().Where(k => !known.Contains(k)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        // Say exactly what to add: the row with a guessed path and what each role gets from it today, to check and keep.
        var message = new StringBuilder($"{missing.Count} endpoint(s) have no row in AuthorizationMatrixTable.Rows. Decide what each role should get and add:\n");
        foreach (var key in missing)
        {
            var path = GuessPath(key);
            var observed = new List<string>();
            foreach (var role in Enum.GetValues<AuthorizationMatrixRole>())
            {
                var (response, _) = await CallAsync(role, AuthorizationMatrixRow.MethodOf(key), fixture.Fill(path), "{}");
                using (response)
                {
                    observed.Add(Observed(response));
                }
            }

            message.Append(CultureInvariant($"        Row(\"{key}\", \"{path}\", \"{string.Join(' ', observed)}\"),   // observed today: check before keeping\n"));
        }

        Assert.Fail(message.ToString());
    }

    [Fact]
    public void Every_row_names_an_endpoint_the_app_has()
    {
        var endpoints = EndpointKeys().ToHashSet(StringComparer.Ordinal);

        var stale = AuthorizationMatrixTable.Rows.Where(r => !endpoints.Contains(r.Key)).Select(r => r.Key).ToList();

        Assert.True(stale.Count == 0, $"Rows for endpoints the app no longer has (remove or rename them): {string.Join(", ", stale)}");
        Assert.True(AuthorizationMatrixTable.Rows.Count == AuthorizationMatrixTable.Rows.Select(r => r.Key).Distinct().Count(), "A key appears twice in the table.");
    }

    [Fact]
    public async Task Each_role_gets_what_the_matrix_says_from_every_endpoint()
    {
        var before = await SnapshotAsync();
        Assert.Contains(fixture.Fill("{request}"), before["/api/requests?take=200"], StringComparison.Ordinal);
        var failures = new List<string>();
        var corrections = new List<string>();
        // Logging out would end a client's session for the rows after it: it goes last.
        foreach (var row in AuthorizationMatrixTable.Rows.OrderBy(r => r.Key.Contains("/Logout", StringComparison.OrdinalIgnoreCase)))
        {
            var path = fixture.Fill(row.Path);
            var marker = row.Marker is null ? null : fixture.Fill(row.Marker);
            var observed = new List<string>();
            var wrong = false;
            foreach (var role in Enum.GetValues<AuthorizationMatrixRole>())
            {
                var (response, body) = await CallAsync(role, row.Method, path, fixture.Fill(row.Body));
                using (response)
                {
                    observed.Add(Observed(response));
                    if (row.Expected[role].Mismatch(response, body, marker) is { } mismatch)
                    {
                        failures.Add($"{row.Key} as {role} ({row.Method} {path}): {mismatch}");
                        wrong = true;
                    }
                }
            }

            if (wrong)
            {
                corrections.Add($"Row(\"{row.Key}\", \"{row.Path}\", \"{string.Join(' ', observed)}\")");
            }
        }

        Assert.True(failures.Count == 0,
            $"{failures.Count} answer(s) differ from the matrix:\n{string.Join('\n', failures)}\n\nWhat the app answers now, per row " +
            $"(anonymous, requester, other requester, approver, approver only, admin) — fix the app, or the row if the app is right:\n{string.Join('\n', corrections)}");

        // Every state-changing call was refused (by authorization, or after it by validation): nothing in the portal moved.
        var after = await SnapshotAsync();
        foreach (var (what, state) in before)
        {
            Assert.True(state == after[what], $"{what} changed while the matrix ran:\nbefore {state}\nafter  {after[what]}");
        }
    }

    /// <summary>What the matrix's calls could change, as the admin reads it: ids with their status, or whole records.</summary>
    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        var admin = fixture.Client(AuthorizationMatrixRole.Admin);
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var url in new[] { "/api/images", "/api/platforms", "/api/inventory/servers", "/api/inventory/hosts", "/api/deployments", "/api/servers", "/api/requests?take=200", "/api/workflows", "/api/workflow-instances?max=1000" })
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(await admin.GetStringAsync(url, Token))!;
            var items = json as System.Text.Json.Nodes.JsonArray ?? json["items"]?.AsArray() ?? [];
            snapshot[url] = string.Join("; ", items.Select(i => $"{i!["id"]}:{i["status"] ?? i["lifecycle"] ?? i["state"] ?? i["inMaintenance"] ?? i["latestVersion"]}:{i["name"]}").Order(StringComparer.Ordinal));
        }

        return snapshot;
    }

    private async Task<(HttpResponseMessage Response, string Body)> CallAsync(AuthorizationMatrixRole role, string method, string path, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = body.StartsWith('{')
                ? new StringContent(body, Encoding.UTF8, "application/json")
                : new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        var response = await fixture.Client(role).SendAsync(request, Token);
        return (response, await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>The table's token for what came back: the status, or where a redirect went.</summary>
    private static string Observed(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        return (int)response.StatusCode switch
        {
            302 when location.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) => AuthorizationMatrixExpectation.SignIn,
            302 when location.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase) => AuthorizationMatrixExpectation.Denied,
            var status => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A path to try for a route without a row: an id that exists nowhere for each parameter.</summary>
    private static string GuessPath(string key)
    {
        var pattern = key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        return System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", m =>
            m.Value.Contains(":guid", StringComparison.OrdinalIgnoreCase) ? "{missing}" : m.Value.Contains(":int", StringComparison.OrdinalIgnoreCase) ? "1" : "no-such-id");
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
