using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Portal.Web.Tests.Provisioning;
using static Portal.Web.Tests.Requests.RequestClients;

namespace Portal.Web.Tests.Requests;

/// <summary>
/// Every endpoint of the journey for anonymous callers, the requester, another requester, an approver (who also requests),
/// an approver who only approves, and an admin: what each may see and do, and that another's request or server answers
/// like a missing one.
/// </summary>
public sealed class RequestAuthorizationTests(ProvisioningPortal portal) : IClassFixture<ProvisioningPortal>, IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpClient anonymous = null!;
    private HttpClient requester = null!;
    private HttpClient other = null!;
    private HttpClient approver = null!;
    private HttpClient onlyApprover = null!;

    public async ValueTask InitializeAsync()
    {
        anonymous = portal.Factory.CreateBrowserLikeClient();
        requester = await portal.SignedInAsync("requester@portal.local");
        other = await OtherRequesterAsync(portal);
        approver = await portal.SignedInAsync("approver@portal.local");
        onlyApprover = await OtherApproverAsync(portal);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var client in new[] { anonymous, requester, other, approver, onlyApprover })
        {
            client.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private HttpClient Who(string who) => who switch
    {
        "anonymous" => anonymous,
        "requester" => requester,
        "other" => other,
        "approver" => approver,
        "onlyApprover" => onlyApprover,
        _ => portal.Admin,
    };

    private static string Name(string who) => $"auth-{who.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..6]}";

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized)]
    [InlineData("requester", HttpStatusCode.Created)]
    [InlineData("other", HttpStatusCode.Created)]
    [InlineData("approver", HttpStatusCode.Created)]
    [InlineData("onlyApprover", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Created)]
    public async Task Submitting_is_for_requesters_and_admins(string who, HttpStatusCode expected)
    {
        using var response = await Who(who).PostAsJsonAsync("/api/requests", VirtualRequest(Name(who)), Token);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized)]
    [InlineData("requester", HttpStatusCode.OK)]
    [InlineData("other", HttpStatusCode.OK)]
    [InlineData("approver", HttpStatusCode.OK)]
    [InlineData("onlyApprover", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task Previewing_follows_the_same_rule(string who, HttpStatusCode expected)
    {
        using var response = await Who(who).PostAsJsonAsync("/api/requests/preview", VirtualRequest(Name(who)), Token);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized)]
    [InlineData("requester", HttpStatusCode.OK)]
    [InlineData("other", HttpStatusCode.NotFound)]
    [InlineData("approver", HttpStatusCode.OK)]
    [InlineData("onlyApprover", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task A_request_is_read_by_its_requester_approvers_and_admins_only(string who, HttpStatusCode expected)
    {
        var id = (string)(await SubmitAsync(requester, VirtualRequest(Name("read"))))["id"]!;

        using var response = await Who(who).GetAsync($"/api/requests/{id}", Token);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("requester", true)]
    [InlineData("other", false)]
    [InlineData("approver", true)]
    [InlineData("admin", true)]
    public async Task Lists_show_a_requester_their_own_and_approvers_and_admins_everyones(string who, bool listed)
    {
        var id = (string)(await SubmitAsync(requester, VirtualRequest(Name("list"))))["id"]!;

        var page = await Who(who).GetFromJsonAsync<JsonObject>("/api/requests?take=200", Token);

        Assert.Equal(listed, page!["items"]!.AsArray().Any(r => (string?)r!["id"] == id));
        Assert.All(page["items"]!.AsArray(), r => Assert.True(who != "other" || (string?)r!["requestedBy"] == "dana@portal.local"));
    }

    [Fact]
    public async Task Mine_narrows_an_approvers_list_to_their_own_requests()
    {
        await SubmitAsync(requester, VirtualRequest(Name("mine")));

        var page = await approver.GetFromJsonAsync<JsonObject>("/api/requests?mine=true&take=200", Token);

        Assert.All(page!["items"]!.AsArray(), r => Assert.Equal("approver@portal.local", (string?)r!["requestedBy"]));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/requests", Token)).StatusCode);
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized)]
    [InlineData("other", HttpStatusCode.NotFound)]
    [InlineData("approver", HttpStatusCode.Forbidden)]
    [InlineData("requester", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task A_request_is_withdrawn_by_its_requester_or_an_admin(string who, HttpStatusCode expected)
    {
        var id = (string)(await SubmitAsync(requester, VirtualRequest(Name("cancel"))))["id"]!;

        using var response = await Who(who).PostAsync($"/api/requests/{id}/cancel", null, Token);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized, false)]
    [InlineData("requester", HttpStatusCode.OK, false)]
    [InlineData("other", HttpStatusCode.OK, false)]
    [InlineData("approver", HttpStatusCode.OK, true)]
    [InlineData("onlyApprover", HttpStatusCode.OK, true)]
    [InlineData("admin", HttpStatusCode.OK, false)]
    public async Task The_inbox_holds_a_task_for_its_assignees_only(string who, HttpStatusCode expected, bool holds)
    {
        var id = (string)(await SubmitAsync(requester, VirtualRequest(Name("inbox"))))["id"]!;

        using var response = await Who(who).GetAsync("/api/tasks", Token);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            var tasks = (await response.Content.ReadFromJsonAsync<JsonArray>(Token))!;
            Assert.Equal(holds, tasks.Any(t => (string?)t!["requestId"] == id));
        }
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized)]
    [InlineData("requester", HttpStatusCode.Forbidden)]
    [InlineData("other", HttpStatusCode.NotFound)]
    [InlineData("admin", HttpStatusCode.NotFound)]
    [InlineData("onlyApprover", HttpStatusCode.OK)]
    public async Task A_task_is_decided_by_an_assignee_who_did_not_ask(string who, HttpStatusCode expected)
    {
        var id = (string)(await SubmitAsync(requester, VirtualRequest(Name("decide"))))["id"]!;
        var task = await WaitingTaskAsync(requester, id);

        using var response = await DecideAsync(Who(who), task, "Rejected", "Not needed.");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Servers_are_listed_and_given_back_by_their_owner_or_an_admin_only()
    {
        var server = await CompletedServerAsync(Name("srv"));
        var id = (string)server["serverId"]!;

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/servers", Token)).StatusCode);
        Assert.Contains(await requester.GetFromJsonAsync<JsonArray>("/api/servers", Token) ?? [], s => (string?)s!["id"] == id);
        Assert.DoesNotContain(await other.GetFromJsonAsync<JsonArray>("/api/servers", Token) ?? [], s => (string?)s!["id"] == id);
        Assert.DoesNotContain(await approver.GetFromJsonAsync<JsonArray>("/api/servers", Token) ?? [], s => (string?)s!["id"] == id);
        Assert.Contains(await portal.Admin.GetFromJsonAsync<JsonArray>("/api/servers", Token) ?? [], s => (string?)s!["id"] == id);

        foreach (var (client, expected) in new[] { (anonymous, HttpStatusCode.Unauthorized), (other, HttpStatusCode.NotFound), (approver, HttpStatusCode.NotFound) })
        {
            Assert.Equal(expected, (await client.PostAsync($"/api/servers/{id}/decommission", null, Token)).StatusCode);
            Assert.Equal(expected, (await client.PostAsJsonAsync($"/api/servers/{id}/capture", new { name = "x" }, Token)).StatusCode);
            Assert.Equal(expected, (await client.PostAsJsonAsync($"/api/servers/{id}/migrate", new { placement = "Virtual" }, Token)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await requester.PostAsync($"/api/servers/{id}/decommission", null, Token)).StatusCode);
        var adminsTurn = (string)(await CompletedServerAsync(Name("srv-admin")))["serverId"]!;
        Assert.Equal(HttpStatusCode.Accepted, (await portal.Admin.PostAsync($"/api/servers/{adminsTurn}/decommission", null, Token)).StatusCode);
    }

    [Fact]
    public async Task The_initial_password_is_for_the_signed_in_owner_only()
    {
        var id = (string)(await CompletedServerAsync(Name("pw")))["serverId"]!;

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/servers/{id}/initial-password", null, Token)).StatusCode);
        foreach (var client in new[] { other, approver, onlyApprover, portal.Admin })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/servers/{id}/initial-password", null, Token)).StatusCode);
        }

        // The request's body gave the password itself: there is nothing the portal generated to show.
        Assert.Equal(HttpStatusCode.NotFound, (await requester.PostAsync($"/api/servers/{id}/initial-password", null, Token)).StatusCode);
    }

    private async Task<JsonNode> CompletedServerAsync(string hostname)
    {
        var id = (string)(await SubmitAsync(requester, VirtualRequest(hostname)))["id"]!;
        using (await DecideAsync(approver, await TaskOfAsync(approver, id), "Approved"))
        {
        }

        return (await WaitForStatusAsync(requester, id, "Completed"))["servers"]![0]!;
    }
}
