using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Portal.Web.Tests.Provisioning;
using static Portal.Web.Tests.Requests.RequestClients;

namespace Portal.Web.Tests.Leases;

/// <summary>Requested servers with their leases, through the API, as the requester and approvers do it.</summary>
internal static class LeaseJourney
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static object Request(string hostname, bool physical, int? leaseDays) => new
    {
        imageId = ProvisioningPortal.Ubuntu,
        placement = physical ? "Physical" : "Virtual",
        platformId = physical ? ProvisioningPortal.SimulatedBareMetal : ProvisioningPortal.SimulatedVirtual,
        hardware = physical ? null : new Dictionary<string, decimal> { ["Processor"] = 2, ["Memory"] = 4 },
        parameters = new Dictionary<string, object?> { ["adminPassword"] = ProvisioningPortal.Secret },
        quantity = 1,
        hostnamePattern = hostname,
        justification = "A server for the lease tests of the portal.",
        leaseDays,
    };

    /// <summary>
    /// Submits as the requester, approves as the approver (and as the admin when a second approval is asked: physical
    /// servers) and waits for the request to complete; returns the request's only server.
    /// </summary>
    public static async Task<JsonObject> RequestedServerAsync(ProvisioningPortal portal, HttpClient requester, string hostname, bool physical, int? leaseDays = null)
    {
        using var approver = await portal.SignedInAsync("approver@portal.local");
        var id = (string)(await SubmitAsync(requester, Request(hostname, physical, leaseDays)))["id"]!;
        using (var decided = await DecideAsync(approver, await TaskOfAsync(approver, id), "Approved"))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        if (physical)
        {
            using var second = await DecideAsync(portal.Admin, await TaskOfAsync(portal.Admin, id), "Approved");
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        var done = await WaitForStatusAsync(requester, id, "Completed");
        return done["servers"]!.AsArray().Single()!.AsObject();
    }

    public static async Task<JsonObject> LeaseAsync(HttpClient client, string serverId)
    {
        using var response = await client.GetAsync($"/api/servers/{serverId}/lease", Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET lease answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Polls the lease until <paramref name="done"/> holds; fails with the lease as it stands.</summary>
    public static async Task<JsonObject> LeaseWhenAsync(HttpClient client, string serverId, Func<JsonObject, bool> done, string what)
    {
        JsonObject? lease = null;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            lease = await LeaseAsync(client, serverId);
            if (done(lease))
            {
                return lease;
            }

            await Task.Delay(50, Token);
        }

        throw new Xunit.Sdk.XunitException($"The lease of {serverId} never {what}: {lease?.ToJsonString()}");
    }

    public static async Task<HttpResponseMessage> ExtendAsync(HttpClient client, string serverId, object body) =>
        await client.PostAsJsonAsync($"/api/servers/{serverId}/extend", body, Token);

    public static async Task<string> ServerStatusAsync(HttpClient admin, string serverId) =>
        (string)(await admin.GetFromJsonAsync<JsonArray>("/api/servers", Token))!.Single(s => (string?)s!["id"] == serverId)!["status"]!;

    public static DateTimeOffset At(JsonNode? node) => DateTimeOffset.Parse((string)node!, System.Globalization.CultureInfo.InvariantCulture);
}
