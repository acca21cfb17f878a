using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Portal.Web.Tests.Notifications;

/// <summary>What a signed-in person reads from <c>GET /api/notifications</c>.</summary>
internal static class NotificationClients
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<JsonObject> PageAsync(HttpClient client, int page = 1, int pageSize = 100) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/notifications?page={page}&pageSize={pageSize}", Token))!;

    public static async Task<List<JsonObject>> AllAsync(HttpClient client) =>
        (await PageAsync(client))["items"]!.AsArray().Select(n => n!.AsObject()).ToList();

    /// <summary>The person's notifications of <paramref name="kind"/> about <paramref name="link"/> (any link when null).</summary>
    public static async Task<List<JsonObject>> OfAsync(HttpClient client, string kind, string? link = null) =>
        (await AllAsync(client)).Where(n => (string?)n["kind"] == kind && (link is null || (string?)n["link"] == link)).ToList();

    /// <summary>Waits until the person has <paramref name="count"/> such notifications (they may come from the workflow worker).</summary>
    public static async Task<List<JsonObject>> WaitForAsync(HttpClient client, string kind, string? link = null, int count = 1)
    {
        List<JsonObject> found = [];
        for (var attempt = 0; attempt < 300; attempt++)
        {
            found = await OfAsync(client, kind, link);
            if (found.Count >= count)
            {
                return found;
            }

            await Task.Delay(100, Token);
        }

        throw new Xunit.Sdk.XunitException($"Expected {count} {kind} notification(s) about {link ?? "anything"}, found {found.Count}: {string.Join(", ", (await AllAsync(client)).Select(n => n.ToJsonString()))}");
    }
}
