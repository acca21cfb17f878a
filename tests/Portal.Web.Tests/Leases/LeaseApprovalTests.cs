using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Portal.Domain.Notifications;
using Portal.Web.Tests.Provisioning;
using Portal.Web.Tests.Workflows;
using static Portal.Web.Tests.Leases.LeaseJourney;

namespace Portal.Web.Tests.Leases;

/// <summary>
/// Lease policies set by an admin, and extensions an approver decides through the lease-extension workflow. The
/// image policy (Ubuntu: default 20, at most 60, approval, reminder 5, grace 2) and the Requester role policy
/// (default 30, at most 45, no approval, reminder 7, grace 3) both apply to a requester's Ubuntu server: the stricter
/// of each field does.
/// </summary>
public sealed class LeaseApprovalTests(LeasePortal portal) : IClassFixture<LeasePortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_image_and_role_policies_both_bound_a_requesters_lease_field_by_field()
    {
        await PoliciesAsync();
        using var requester = await portal.SignedInAsync("requester@portal.local");

        var lease = await LeaseAsync(requester, (string)(await RequestedServerAsync(portal, requester, "lease-pol-01", physical: false))["serverId"]!);

        Assert.Equal(20, (int)lease["days"]!);
        Assert.Equal(45, (int)lease["terms"]!["maxDays"]!);
        Assert.True((bool)lease["terms"]!["extensionNeedsApproval"]!);
        Assert.Equal(7, (int)lease["terms"]!["reminderDays"]!);
        Assert.Equal(2, (int)lease["terms"]!["graceDays"]!);
        Assert.Contains("the stricter of each", (string?)lease["policy"], StringComparison.Ordinal);
        using var tooLong = await requester.PostAsJsonAsync("/api/requests", Request("lease-pol-02", physical: false, leaseDays: 50), Token);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task An_extension_that_needs_approval_waits_in_the_approvers_inbox_and_applies_when_approved()
    {
        await PoliciesAsync();
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var approver = await portal.SignedInAsync("approver@portal.local");
        var serverId = (string)(await RequestedServerAsync(portal, requester, "lease-appr-01", physical: false, leaseDays: 10))["serverId"]!;
        var before = await LeaseAsync(requester, serverId);

        using var asked = await ExtendAsync(requester, serverId, new { days = 7 });

        var started = await asked.Content.ReadFromJsonAsync<JsonObject>(Token);
        Assert.True(asked.StatusCode == HttpStatusCode.Accepted, $"extend answered {asked.StatusCode}: {started}");
        Assert.Equal(At(before["endsAt"]), At(started!["lease"]!["endsAt"]));
        Assert.Equal("ExtensionPending", (string?)started["lease"]!["state"]);
        using var again = await ExtendAsync(requester, serverId, new { days = 1 });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.DoesNotContain((await requester.GetFromJsonAsync<JsonArray>("/api/tasks", Token))!, t => ((string?)t!["title"])!.Contains("lease-appr-01", StringComparison.Ordinal));

        var task = await LeaseTaskAsync(approver, "lease-appr-01");
        using (var decided = await Requests.RequestClients.DecideAsync(approver, task, "Approved"))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        await InstancePolling.WaitForStatusAsync(portal.Admin, (string)started["instanceId"]!, "Completed", Token);
        var after = await LeaseAsync(requester, serverId);
        Assert.Equal(At(before["endsAt"]) + TimeSpan.FromDays(7), At(after["endsAt"]));
        Assert.Null(after["pendingUntil"]);
        var heard = await portal.Notifier.WaitForAsync("lease-appr-01", NotificationKind.LeaseExtended, Token);
        Assert.Equal("requester@portal.local", heard.Recipient);
        Assert.Contains("approver@portal.local approved", heard.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_extension_leaves_the_lease_as_it_was_and_tells_the_owner_why()
    {
        await PoliciesAsync();
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var approver = await portal.SignedInAsync("approver@portal.local");
        var serverId = (string)(await RequestedServerAsync(portal, requester, "lease-appr-02", physical: false, leaseDays: 10))["serverId"]!;
        var before = await LeaseAsync(requester, serverId);

        using var asked = await ExtendAsync(requester, serverId, new { days = 5 });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var instanceId = (string)(await asked.Content.ReadFromJsonAsync<JsonObject>(Token))!["instanceId"]!;
        using (var decided = await Requests.RequestClients.DecideAsync(approver, await LeaseTaskAsync(approver, "lease-appr-02"), "Rejected", "Give it back and request a new one."))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        await InstancePolling.WaitForStatusAsync(portal.Admin, instanceId, "Completed", Token);
        var after = await LeaseAsync(requester, serverId);
        Assert.Equal(At(before["endsAt"]), At(after["endsAt"]));
        Assert.Null(after["pendingUntil"]);
        var heard = await portal.Notifier.WaitForAsync("lease-appr-02", NotificationKind.LeaseExtended, Token);
        Assert.Contains("Give it back and request a new one.", heard.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_extends_a_requesters_lease_at_once_but_still_within_the_maximum()
    {
        await PoliciesAsync();
        using var requester = await portal.SignedInAsync("requester@portal.local");
        var serverId = (string)(await RequestedServerAsync(portal, requester, "lease-appr-03", physical: true, leaseDays: 10))["serverId"]!;
        var before = await LeaseAsync(requester, serverId);

        using var tooFar = await ExtendAsync(portal.Admin, serverId, new { days = 50 });
        using var extended = await ExtendAsync(portal.Admin, serverId, new { days = 3 });

        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        Assert.Equal(At(before["endsAt"]) + TimeSpan.FromDays(3), At((await LeaseAsync(requester, serverId))["endsAt"]));
        await portal.DecommissionAsync(new JsonObject { ["server"] = new JsonObject { ["id"] = serverId } });
    }

    [Fact]
    public async Task Policies_are_listed_for_admins_and_an_unknown_subject_is_refused()
    {
        await PoliciesAsync();

        var policies = await portal.Admin.GetFromJsonAsync<JsonArray>("/api/lease-policies", Token);
        using var unknownImage = await portal.Admin.PutAsJsonAsync($"/api/lease-policies/image/{Guid.NewGuid()}", Terms(10, 20, false, 3, 1), Token);
        using var badTerms = await portal.Admin.PutAsJsonAsync("/api/lease-policies/default", Terms(30, 10, false, 7, 3), Token);

        Assert.Contains(policies!, p => (string?)p!["scope"] == "Image" && (string?)p["subject"] == ProvisioningPortal.Ubuntu.ToString());
        Assert.Contains(policies!, p => (string?)p!["scope"] == "Role" && (string?)p["subject"] == "Requester");
        Assert.Equal(HttpStatusCode.BadRequest, unknownImage.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badTerms.StatusCode);
        Assert.NotNull((await badTerms.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!["defaultDays"]);
        var audit = await portal.Admin.GetFromJsonAsync<JsonObject>("/api/audit?action=LeasePolicyChanged&pageSize=100", Token);
        Assert.Contains(audit!["items"]!.AsArray(), e => (string?)e!["target"]!["id"] == "role:requester");
    }

    private async Task PoliciesAsync()
    {
        using var image = await portal.Admin.PutAsJsonAsync($"/api/lease-policies/image/{ProvisioningPortal.Ubuntu}", Terms(20, 60, true, 5, 2), Token);
        using var role = await portal.Admin.PutAsJsonAsync("/api/lease-policies/role/requester", Terms(30, 45, false, 7, 3), Token);
        Assert.True(image.IsSuccessStatusCode, $"PUT image policy: {await image.Content.ReadAsStringAsync(Token)}");
        Assert.True(role.IsSuccessStatusCode, $"PUT role policy: {await role.Content.ReadAsStringAsync(Token)}");
    }

    private static object Terms(int defaultDays, int maxDays, bool approval, int reminderDays, int graceDays) =>
        new { defaultDays, maxDays, extensionNeedsApproval = approval, reminderDays, graceDays };

    /// <summary>The approver's open lease-extension task about <paramref name="server"/>, waiting until it appears.</summary>
    private static async Task<string> LeaseTaskAsync(HttpClient approver, string server)
    {
        JsonArray? tasks = null;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            tasks = await approver.GetFromJsonAsync<JsonArray>("/api/tasks", Token);
            if (tasks!.FirstOrDefault(t => ((string?)t!["title"])?.Contains(server, StringComparison.Ordinal) == true) is { } task)
            {
                return (string)task["id"]!;
            }

            await Task.Delay(50, Token);
        }

        throw new Xunit.Sdk.XunitException($"No lease task about {server} in the inbox: {tasks?.ToJsonString()}");
    }
}
