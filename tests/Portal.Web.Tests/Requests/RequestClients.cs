using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Identity;
using Portal.Web.Tests.Provisioning;

namespace Portal.Web.Tests.Requests;

/// <summary>The journey's people, signed in to one portal, and the calls they make.</summary>
internal static class RequestClients
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A second requester (another team's developer), created once per portal.</summary>
    public static Task<HttpClient> OtherRequesterAsync(ProvisioningPortal portal) => UserAsync(portal, "dana@portal.local", "Dana Developer", "Requester");

    /// <summary>A second approver (another team lead), created once per portal.</summary>
    public static Task<HttpClient> OtherApproverAsync(ProvisioningPortal portal) => UserAsync(portal, "kim@portal.local", "Kim Lead", "Approver");

    private static async Task<HttpClient> UserAsync(ProvisioningPortal portal, string email, string name, string role)
    {
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
                Assert.True((await users.CreateAsync(user, PortalAppFactory.DemoPassword)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
        }

        return await portal.SignedInAsync(email);
    }

    /// <summary>The id of the decision the request waits for, as its page shows it.</summary>
    public static async Task<string> WaitingTaskAsync(HttpClient client, string requestId)
    {
        var request = await client.GetFromJsonAsync<JsonObject>($"/api/requests/{requestId}", Token);
        return (string)request!["waitingFor"]!.AsArray().Single()!["taskId"]!;
    }

    public static object VirtualRequest(string hostnamePattern, int quantity = 1, string placement = "Virtual") => new
    {
        imageId = ProvisioningPortal.Ubuntu,
        placement,
        platformId = placement == "Virtual" ? ProvisioningPortal.SimulatedVirtual : (Guid?)null,
        hardware = new Dictionary<string, decimal> { ["Processor"] = 2, ["Memory"] = 4 },
        parameters = new Dictionary<string, object?> { ["adminPassword"] = ProvisioningPortal.Secret },
        quantity,
        hostnamePattern,
        justification = "Load tests for the checkout service before the release.",
    };

    public static object PhysicalRequest(string hostname) => new
    {
        imageId = ProvisioningPortal.Ubuntu,
        placement = "Physical",
        platformId = ProvisioningPortal.SimulatedBareMetal,
        parameters = new Dictionary<string, object?> { ["adminPassword"] = ProvisioningPortal.Secret },
        quantity = 1,
        hostnamePattern = hostname,
        justification = "A database that needs its own disks.",
    };

    /// <summary>Submits and returns the created request; fails with the answer otherwise.</summary>
    public static async Task<JsonObject> SubmitAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/requests", body, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/requests answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The id of the open task of the request in the client's inbox, waiting until it appears.</summary>
    public static async Task<string> TaskOfAsync(HttpClient client, string requestId)
    {
        JsonArray? tasks = null;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            tasks = await client.GetFromJsonAsync<JsonArray>("/api/tasks", Token);
            if (tasks!.FirstOrDefault(t => (string?)t!["requestId"] == requestId) is { } task)
            {
                return (string)task["id"]!;
            }

            await Task.Delay(50, Token);
        }

        throw new Xunit.Sdk.XunitException($"No task for request {requestId} in the inbox: {tasks?.ToJsonString()}");
    }

    public static async Task<HttpResponseMessage> DecideAsync(HttpClient client, string taskId, string outcome, string? comment = null) =>
        await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome, comment }, Token);

    /// <summary>Polls the request until it reaches <paramref name="status"/>; fails with the request as it stands.</summary>
    public static async Task<JsonObject> WaitForStatusAsync(HttpClient client, string requestId, string status)
    {
        JsonObject? request = null;
        for (var attempt = 0; attempt < 400; attempt++)
        {
            request = await client.GetFromJsonAsync<JsonObject>($"/api/requests/{requestId}", Token);
            if ((string?)request!["status"] == status)
            {
                return request;
            }

            await Task.Delay(100, Token);
        }

        throw new Xunit.Sdk.XunitException($"Request {requestId} did not reach {status}: {request?.ToJsonString()}");
    }
}
