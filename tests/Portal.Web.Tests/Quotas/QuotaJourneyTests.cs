using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Identity;
using Portal.Web.Tests.Provisioning;
using static Portal.Web.Tests.Requests.RequestClients;

namespace Portal.Web.Tests.Quotas;

/// <summary>
/// Quotas through the real portal on the simulated datacenter: a request over quota is refused with the numbers; a
/// request's share is reserved at submission and given back on rejection, withdrawal, failure and decommission. Each
/// test has a requester of its own, so their holdings do not mix.
/// </summary>
public sealed class QuotaJourneyTests(ProvisioningPortal portal) : IClassFixture<ProvisioningPortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_over_the_vcpu_quota_is_refused_with_the_numbers_on_the_cpu_field()
    {
        var (user, requester) = await RequesterAsync("over");
        await SetUserQuotaAsync(user, new { maxVcpus = 8 });
        await SubmitAsync(requester, VirtualRequest("over-a-{n}", quantity: 3));

        using var refused = await requester.PostAsJsonAsync("/api/requests", VirtualRequest("over-b-{n}", quantity: 2), Token);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>(Token);
        var message = (string?)problem!["errors"]!["hardware.Processor"]![0];
        Assert.StartsWith("You have 6 of 8 vCPU; this request needs 4.", message, StringComparison.Ordinal);
        var mine = await MineAsync(requester);
        Assert.Equal((8, 0m, 6m, "own quota"), ((int?)mine["vcpus"]!["limit"], (decimal)mine["vcpus"]!["used"]!, (decimal)mine["vcpus"]!["reserved"]!, (string?)mine["vcpus"]!["source"]));
    }

    [Fact]
    public async Task A_request_reserves_its_share_at_submission_and_a_rejection_gives_it_back()
    {
        var (user, requester) = await RequesterAsync("rejected");
        await SetUserQuotaAsync(user, new { maxServers = 5 });
        using var approver = await portal.SignedInAsync("approver@portal.local");

        var id = (string)(await SubmitAsync(requester, VirtualRequest("quota-rejected-{n}", quantity: 2)))["id"]!;
        var reserved = await MineAsync(requester);
        Assert.Equal((2m, 4m, 8m), ((decimal)reserved["servers"]!["reserved"]!, (decimal)reserved["vcpus"]!["reserved"]!, (decimal)reserved["memoryGiB"]!["reserved"]!));

        using (await DecideAsync(approver, await TaskOfAsync(approver, id), "Rejected", "Not this quarter."))
        {
        }

        await WaitForStatusAsync(requester, id, "Rejected");
        await AssertHoldsNothingAsync(requester);
    }

    [Fact]
    public async Task A_withdrawn_request_gives_its_share_back()
    {
        var (user, requester) = await RequesterAsync("withdrawn");
        await SetUserQuotaAsync(user, new { maxServers = 1 });
        var id = (string)(await SubmitAsync(requester, VirtualRequest("quota-withdrawn-01")))["id"]!;
        using (var full = await requester.PostAsJsonAsync("/api/requests", VirtualRequest("quota-withdrawn-02"), Token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, full.StatusCode);
        }

        using var cancelled = await requester.PostAsync($"/api/requests/{id}/cancel", null, Token);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        await AssertHoldsNothingAsync(requester);
        await SubmitAsync(requester, VirtualRequest("quota-withdrawn-02"));
    }

    [Fact]
    public async Task A_failed_request_gives_its_share_back_and_an_admin_retry_takes_it_again()
    {
        var (user, requester) = await RequesterAsync("failed");
        await SetUserQuotaAsync(user, new { maxVcpus = 4 });
        using var approver = await portal.SignedInAsync("approver@portal.local");
        var hosts = await VirtualHostsAsync();
        foreach (var host in hosts)
        {
            using var maintenance = await portal.Admin.PostAsync($"/api/inventory/hosts/{host}/maintenance", null, Token);
            Assert.True(maintenance.IsSuccessStatusCode, $"maintenance answered {maintenance.StatusCode}");
        }

        string id;
        JsonObject failed;
        try
        {
            id = (string)(await SubmitAsync(requester, VirtualRequest("quota-failed-01")))["id"]!;
            using (await DecideAsync(approver, await TaskOfAsync(approver, id), "Approved"))
            {
            }

            failed = await WaitForStatusAsync(requester, id, "Failed");
            await AssertHoldsNothingAsync(requester);
        }
        finally
        {
            foreach (var host in hosts)
            {
                using var back = await portal.Admin.DeleteAsync($"/api/inventory/hosts/{host}/maintenance", Token);
            }
        }

        var deployment = (string)failed["servers"]![0]!["deploymentId"]!;
        using var retry = await portal.Admin.PostAsync($"/api/deployments/{deployment}/retry", null, Token);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        await WaitForStatusAsync(requester, id, "Completed");
        var mine = await MineAsync(requester);
        Assert.Equal((2m, 0m), ((decimal)mine["vcpus"]!["used"]!, (decimal)mine["vcpus"]!["reserved"]!));
    }

    [Fact]
    public async Task A_running_server_uses_its_share_until_it_is_decommissioned()
    {
        var (user, requester) = await RequesterAsync("decommissioned");
        await SetUserQuotaAsync(user, new { maxServers = 2 });
        using var approver = await portal.SignedInAsync("approver@portal.local");
        var id = (string)(await SubmitAsync(requester, VirtualRequest("quota-dec-{n}", quantity: 2)))["id"]!;
        using (await DecideAsync(approver, await TaskOfAsync(approver, id), "Approved"))
        {
        }

        var done = await WaitForStatusAsync(requester, id, "Completed");
        var mine = await MineAsync(requester);
        Assert.Equal((2m, 0m), ((decimal)mine["servers"]!["used"]!, (decimal)mine["servers"]!["reserved"]!));

        using var decommission = await requester.PostAsync($"/api/servers/{done["servers"]![0]!["serverId"]}/decommission", null, Token);
        var body = await decommission.Content.ReadFromJsonAsync<JsonObject>(Token);
        Assert.True(decommission.IsSuccessStatusCode, $"decommission answered {decommission.StatusCode}: {body}");
        await Portal.Web.Tests.Workflows.InstancePolling.WaitForStatusAsync(portal.Admin, (string)body!["instanceId"]!, "Completed", Token);

        mine = await MineAsync(requester);
        Assert.Equal((1m, 0m, 2m), ((decimal)mine["servers"]!["used"]!, (decimal)mine["vcpus"]!["reserved"]!, (decimal)mine["vcpus"]!["used"]!));
    }

    [Fact]
    public async Task A_users_own_limit_overrides_their_roles_and_otherwise_the_most_generous_role_holds()
    {
        var (user, requester) = await RequesterAsync("combined", "Approver");
        using (var role = await portal.Admin.PutAsJsonAsync("/api/quotas/roles/requester", new { maxServers = 3, maxVcpus = 6 }, Token))
        {
            Assert.Equal(HttpStatusCode.OK, role.StatusCode);
        }

        try
        {
            using (await portal.Admin.PutAsJsonAsync("/api/quotas/roles/Approver", new { maxServers = 5 }, Token))
            {
            }

            await SetUserQuotaAsync(user, new { maxVcpus = 20 });

            var seen = await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/quotas/users/{user.ToUpperInvariant()}", Token);
            var effective = seen!["effective"]!;
            Assert.Equal((5, "role Approver"), ((int?)effective["servers"]!["limit"], (string?)effective["servers"]!["source"]));
            Assert.Equal((20, "own quota"), ((int?)effective["vcpus"]!["limit"], (string?)effective["vcpus"]!["source"]));
            Assert.Equal((null, "no quota"), ((int?)effective["memoryGiB"]!["limit"], (string?)effective["memoryGiB"]!["source"]));
            Assert.Equal(effective.ToJsonString(), (await MineAsync(requester)).ToJsonString());

            var audit = await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/audit?action=QuotaChanged&pageSize=200", Token);
            Assert.Single(audit!["items"]!.AsArray(), e => (string?)e!["target"]!["id"] == $"user {user}");
        }
        finally
        {
            using (await portal.Admin.PutAsJsonAsync("/api/quotas/roles/Requester", new { }, Token))
            {
            }

            using (await portal.Admin.PutAsJsonAsync("/api/quotas/roles/Approver", new { }, Token))
            {
            }
        }
    }

    [Fact]
    public async Task Admins_are_told_what_is_wrong_with_a_quota()
    {
        using var negative = await portal.Admin.PutAsJsonAsync("/api/quotas/roles/Requester", new { maxVcpus = -1 }, Token);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.NotNull((await negative.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!["maxVcpus"]);

        using var nobody = await portal.Admin.GetAsync("/api/quotas/users/nobody@portal.local", Token);
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
    }

    private async Task<(string User, HttpClient Client)> RequesterAsync(string name, params string[] moreRoles)
    {
        var email = $"quota-{name}@portal.local";
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            Assert.True((await users.CreateAsync(user, PortalAppFactory.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRolesAsync(user, ["Requester", .. moreRoles])).Succeeded);
        }

        return (email, await portal.SignedInAsync(email));
    }

    private async Task SetUserQuotaAsync(string user, object limits)
    {
        using var response = await portal.Admin.PutAsJsonAsync($"/api/quotas/users/{user}", limits, Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT quota answered {response.StatusCode}: {await response.Content.ReadAsStringAsync(Token)}");
    }

    private static async Task<JsonObject> MineAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/quotas/me", Token))!;

    private static async Task AssertHoldsNothingAsync(HttpClient client)
    {
        var mine = await MineAsync(client);
        foreach (var dimension in new[] { "servers", "vcpus", "memoryGiB", "physicalServers" })
        {
            Assert.True((decimal)mine[dimension]!["used"]! == 0 && (decimal)mine[dimension]!["reserved"]! == 0, $"Nothing is held any more: {mine.ToJsonString()}");
        }
    }

    private async Task<IReadOnlyList<string>> VirtualHostsAsync()
    {
        var hosts = await portal.Admin.GetFromJsonAsync<JsonArray>("/api/inventory/hosts", Token);
        return hosts!.Where(h => (string?)h!["platformId"] == ProvisioningPortal.SimulatedVirtual.ToString()).Select(h => (string)h!["id"]!).ToList();
    }
}
