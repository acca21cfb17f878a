using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Portal.Testing;
using static Portal.Web.Tests.Requests.RequestClients;

namespace Portal.Web.Tests.Quotas;

/// <summary>
/// Twenty submissions at once through the whole portal, on SQLite and on a real PostgreSQL server: the database's
/// conditional update lets exactly as many through as the quota holds, and refuses the rest with the numbers.
/// </summary>
public sealed class QuotaConcurrencyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Twenty_concurrent_submissions_never_exceed_the_requesters_quota(string provider)
    {
        await using var database = provider == "PostgreSql" ? await TestPostgres.CreateDatabaseAsync(Token) : null;
        var settings = new Dictionary<string, string?> { ["Portal:Workflows:PollIntervalMilliseconds"] = "50" };
        if (database is not null)
        {
            settings["Portal:Database:Provider"] = "PostgreSql";
            settings["ConnectionStrings:Portal"] = database.ConnectionString;
        }

        await using var factory = new PortalAppFactory(settings);
        using var admin = factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(admin, "admin@portal.local");
        using (var quota = await admin.PutAsJsonAsync("/api/quotas/roles/Requester", new { maxServers = 5 }, Token))
        {
            Assert.Equal(HttpStatusCode.OK, quota.StatusCode);
        }

        using var requester = factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(requester, "requester@portal.local");

        var answers = await Task.WhenAll(Enumerable.Range(1, 20).Select(async i =>
        {
            using var response = await requester.PostAsJsonAsync("/api/requests", VirtualRequest($"race-{i:00}"), Token);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Token));
        }));

        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.Created) == 5,
            $"Exactly five of twenty fit a quota of five servers: {string.Join(" | ", answers.Select(a => $"{(int)a.StatusCode} {a.Body}"))}");
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode);
            Assert.StartsWith("You have 5 of 5 servers; this request needs 1.", (string?)JsonNode.Parse(a.Body)!["errors"]!["quantity"]![0], StringComparison.Ordinal);
        });
        var mine = await requester.GetFromJsonAsync<JsonObject>("/api/quotas/me", Token);
        Assert.Equal((5, 5m, "role Requester"), ((int?)mine!["servers"]!["limit"], (decimal)mine["servers"]!["held"]!, (string?)mine["servers"]!["source"]));
        var listed = await requester.GetFromJsonAsync<JsonObject>("/api/requests?mine=true", Token);
        Assert.Equal(5, (int)listed!["total"]!);
    }
}
