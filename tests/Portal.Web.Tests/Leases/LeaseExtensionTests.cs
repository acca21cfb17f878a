using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Portal.Web.Tests.Provisioning;
using static Portal.Web.Tests.Leases.LeaseJourney;
using static Portal.Web.Tests.Requests.RequestClients;

namespace Portal.Web.Tests.Leases;

/// <summary>
/// Leases asked for and extended under the built-in policy (default 30 days, at most 90, extension at once), on the
/// real portal: the request is bounded, the owner extends without anyone's approval, never past 90 days from today.
/// </summary>
public sealed class LeaseExtensionTests(LeasePortal portal) : IClassFixture<LeasePortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_for_a_longer_lease_than_the_policy_allows_is_refused_on_its_lease_field()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");

        using var response = await requester.PostAsJsonAsync("/api/requests", Request("lease-long-01", physical: false, leaseDays: 120), Token);

        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (string)body!["errors"]!["leaseDays"]![0]!;
        Assert.Contains("At most 90 days", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_lease_gets_the_policy_default_and_the_owner_extends_it_at_once()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        var server = await RequestedServerAsync(portal, requester, "lease-ext-01", physical: false);
        var serverId = (string)server["serverId"]!;
        var lease = await LeaseAsync(requester, serverId);
        Assert.Equal(30, (int)lease["days"]!);
        Assert.Equal("Active", (string?)lease["state"]);

        using var extended = await ExtendAsync(requester, serverId, new { days = 14 });

        var body = await extended.Content.ReadFromJsonAsync<JsonObject>(Token);
        Assert.True(extended.StatusCode == HttpStatusCode.OK, $"extend answered {extended.StatusCode}: {body}");
        Assert.Equal(At(lease["endsAt"]) + TimeSpan.FromDays(14), At(body!["endsAt"]));
        Assert.Equal(At(body["endsAt"]), At((await LeaseAsync(requester, serverId))["endsAt"]));
        var audit = await portal.Admin.GetFromJsonAsync<JsonObject>("/api/audit?action=LeaseExtended&pageSize=100", Token);
        var record = Assert.Single(audit!["items"]!.AsArray(), e => (string?)e!["target"]!["id"] == serverId)!;
        Assert.Equal("requester@portal.local", (string?)record["actor"]!["name"]);
    }

    [Fact]
    public async Task An_extension_reaches_at_most_the_policy_maximum_counted_from_today()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        var serverId = (string)(await RequestedServerAsync(portal, requester, "lease-ext-02", physical: false, leaseDays: 20))["serverId"]!;
        var before = await LeaseAsync(requester, serverId);
        var latest = At(before["latestEnd"]);

        using var tooManyDays = await ExtendAsync(requester, serverId, new { days = 80 });
        using var tooLate = await ExtendAsync(requester, serverId, new { until = latest + TimeSpan.FromDays(1) });
        using var atTheLimit = await ExtendAsync(requester, serverId, new { until = latest - TimeSpan.FromMinutes(1) });

        Assert.Equal(HttpStatusCode.BadRequest, tooManyDays.StatusCode);
        Assert.Contains("At most 90 days from today", (string)(await tooManyDays.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!["days"]![0]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooLate.StatusCode);
        Assert.NotNull((await tooLate.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!["until"]);
        Assert.Equal(HttpStatusCode.OK, atTheLimit.StatusCode);
        var after = await LeaseAsync(requester, serverId);
        Assert.True(At(after["endsAt"]) <= portal.Clock.GetUtcNow() + TimeSpan.FromDays(90), "never past 90 days from today");
        Assert.True(At(after["endsAt"]) > At(before["endsAt"]), "the allowed extension applied");
    }

    [Fact]
    public async Task Another_users_server_cannot_be_extended_and_answers_like_a_missing_one()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        var serverId = (string)(await RequestedServerAsync(portal, requester, "lease-ext-03", physical: false, leaseDays: 5))["serverId"]!;
        using var other = await OtherRequesterAsync(portal);
        var before = await LeaseAsync(requester, serverId);

        using var extended = await ExtendAsync(other, serverId, new { days = 1 });
        using var read = await other.GetAsync($"/api/servers/{serverId}/lease", Token);

        Assert.Equal(HttpStatusCode.NotFound, extended.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(At(before["endsAt"]), At((await LeaseAsync(requester, serverId))["endsAt"]));
    }

    [Fact]
    public async Task An_admins_direct_deployment_gets_the_policy_default_unless_the_admin_gives_a_lease()
    {
        var byDefault = await portal.WaitForDeploymentAsync(await portal.DeployAsync(ProvisioningPortal.LinuxOrder(
            ProvisioningPortal.SimulatedVirtual, "Virtual", "lease-admin-01")), "Completed");
        var given = await portal.WaitForDeploymentAsync(await portal.DeployAsync(new
        {
            imageId = ProvisioningPortal.Ubuntu, placement = "Virtual", platformId = ProvisioningPortal.SimulatedVirtual,
            parameters = new Dictionary<string, object?> { ["hostname"] = "lease-admin-02", ["adminPassword"] = ProvisioningPortal.Secret },
            leaseDays = 365,
        }), "Completed");

        Assert.Equal(30, (int)(await LeaseAsync(portal.Admin, (string)byDefault["server"]!["id"]!))["days"]!);
        Assert.Equal(365, (int)(await LeaseAsync(portal.Admin, (string)given["server"]!["id"]!))["days"]!);
    }

    [Fact]
    public async Task A_migrated_server_keeps_its_lease_end_on_the_server_that_replaces_it()
    {
        var deployment = await portal.WaitForDeploymentAsync(await portal.DeployAsync(new
        {
            imageId = ProvisioningPortal.Ubuntu, placement = "Virtual", platformId = ProvisioningPortal.SimulatedVirtual,
            parameters = new Dictionary<string, object?> { ["hostname"] = "lease-move-01", ["adminPassword"] = ProvisioningPortal.Secret },
            leaseDays = 12,
        }), "Completed");
        var oldId = (string)deployment["server"]!["id"]!;
        var before = await LeaseAsync(portal.Admin, oldId);

        using var started = await portal.Admin.PostAsJsonAsync($"/api/servers/{oldId}/migrate", new { placement = "Virtual", platformId = ProvisioningPortal.SimulatedVirtual }, Token);
        var instance = (string)(await started.Content.ReadFromJsonAsync<JsonObject>(Token))!["instanceId"]!;
        var done = await Workflows.InstancePolling.WaitForStatusAsync(portal.Admin, instance, "Completed", Token);

        var successor = await portal.WaitForDeploymentAsync((string)done["variables"]!["deploymentId"]!, "Completed");
        var after = await LeaseAsync(portal.Admin, (string)successor["server"]!["id"]!);
        Assert.NotEqual(oldId, (string?)successor["server"]!["id"]);
        Assert.Equal(At(before["endsAt"]), At(after["endsAt"]));
        Assert.Equal(12, (int)after["days"]!);
    }
}
