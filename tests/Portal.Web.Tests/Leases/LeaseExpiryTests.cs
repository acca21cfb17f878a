using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Portal.Domain.Notifications;
using Portal.Web.Tests.Workflows;
using static Portal.Web.Tests.Leases.LeaseJourney;

namespace Portal.Web.Tests.Leases;

/// <summary>
/// A server's lease from request to decommission, on the real portal and the simulated datacenter, with the portal's
/// clock moved forward by the test. The built-in policy applies (30 days by default, at most 90, reminder 7 days
/// before the end, 3 days of grace, extension without approval).
/// </summary>
public sealed class LeaseExpiryTests(LeasePortal portal) : IClassFixture<LeasePortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false, "lease-vm-01")]
    [InlineData(true, "lease-bm-01")]
    public async Task A_lease_that_runs_out_reminds_the_owner_first_and_decommissions_the_server_after_the_grace_period(bool physical, string name)
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        var server = await RequestedServerAsync(portal, requester, name, physical, leaseDays: 10);
        var serverId = (string)server["serverId"]!;
        var physicalServerId = (string?)(await portal.Admin.GetFromJsonAsync<JsonArray>("/api/servers", Token))!.Single(s => (string?)s!["id"] == serverId)!["physicalServerId"];
        Assert.Equal(physical, physicalServerId is not null);
        var lease = await LeaseAsync(requester, serverId);
        Assert.Equal(10, (int)lease["days"]!);
        Assert.Equal(TimeSpan.FromDays(10), At(lease["endsAt"]) - At(lease["startsAt"]));
        Assert.Empty(portal.Notifier.About(name, NotificationKind.LeaseExpiring));

        // Day 4: within the 7-day reminder lead. The owner hears once; nothing else happens.
        portal.Clock.Advance(TimeSpan.FromDays(4));
        var reminder = await portal.Notifier.WaitForAsync(name, NotificationKind.LeaseExpiring, Token);
        Assert.Equal("requester@portal.local", reminder.Recipient);
        Assert.Contains(name, reminder.Title, StringComparison.Ordinal);
        await LeaseWhenAsync(requester, serverId, l => (bool)l["reminded"]!, "was reminded");
        Assert.Equal("Running", await ServerStatusAsync(portal.Admin, serverId));

        // Day 11.5: the lease ended a day and a half ago; the server lives on in its grace period, reminded only once.
        portal.Clock.Advance(TimeSpan.FromDays(7.5));
        using var afterEnd = await portal.SignedInAsync("requester@portal.local");
        var inGrace = await LeaseWhenAsync(afterEnd, serverId, l => (string?)l["state"] == "InGrace", "entered its grace period");
        await Task.Delay(500, Token);
        Assert.Equal("Running", await ServerStatusAsync(portal.Admin, serverId));
        Assert.Single(portal.Notifier.About(name, NotificationKind.LeaseExpiring));
        Assert.Empty(portal.Notifier.About(name, NotificationKind.LeaseEnded));

        // Day 13.5: past the end and the 3-day grace period: server-decommission runs and the owner hears it ended.
        portal.Clock.Advance(TimeSpan.FromDays(2));
        var ended = await portal.Notifier.WaitForAsync(name, NotificationKind.LeaseEnded, Token);
        Assert.Equal("requester@portal.local", ended.Recipient);
        Assert.Equal("Decommissioned", await ServerStatusAsync(portal.Admin, serverId));
        var sent = portal.Notifier.Sent.ToList();
        Assert.True(sent.IndexOf(reminder) < sent.IndexOf(ended), "the reminder comes before the end");
        Assert.Single(portal.Notifier.About(name, NotificationKind.LeaseEnded));

        // The owner's bell has both, once each: the portal's own notifier got them beside the recording one.
        using var owner = await portal.SignedInAsync("requester@portal.local");
        var bell = (await owner.GetFromJsonAsync<JsonObject>("/api/notifications?pageSize=100", Token))!["items"]!.AsArray()
            .Where(n => ((string?)n!["title"])?.Contains(name, StringComparison.Ordinal) == true).Select(n => (string?)n!["kind"]).ToList();
        Assert.Single(bell, k => k == nameof(NotificationKind.LeaseExpiring));
        Assert.Single(bell, k => k == nameof(NotificationKind.LeaseEnded));

        var decommission = await DecommissionInstanceAsync(serverId);
        Assert.Equal("server-decommission", (string?)decommission["definitionId"]);
        Assert.Equal(serverId, (string?)decommission["correlationId"]);
        Assert.True(At(inGrace["decommissionAt"]) <= portal.Clock.GetUtcNow(), "decommissioned only once the grace period was over");
        if (physical)
        {
            var inventory = await portal.Admin.GetFromJsonAsync<JsonArray>("/api/inventory/servers", Token);
            Assert.Equal("Available", (string?)inventory!.Single(s => (string?)s!["id"] == physicalServerId)!["state"]);
        }
        else
        {
            Assert.Null(await portal.Datacenter.MachineAsync(name, Token));
        }
    }

    private async Task<JsonObject> DecommissionInstanceAsync(string serverId)
    {
        var audit = await portal.Admin.GetFromJsonAsync<JsonObject>("/api/audit?action=LeaseExpired&pageSize=100", Token);
        Assert.Single(audit!["items"]!.AsArray(), e => (string?)e!["target"]!["id"] == serverId);
        var instances = await portal.Admin.GetFromJsonAsync<JsonArray>($"/api/workflow-instances?definitionId=server-decommission&correlationId={serverId}", Token);
        var instance = Assert.Single(instances!)!;
        return await InstancePolling.WaitForStatusAsync(portal.Admin, (string)instance["id"]!, "Completed", Token);
    }
}
