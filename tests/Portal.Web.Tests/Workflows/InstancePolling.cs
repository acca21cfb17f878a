using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Portal.Web.Tests.Workflows;

/// <summary>Waits, through the HTTP API, until an instance reaches a status; fails with the instance as it stands.</summary>
internal static class InstancePolling
{
    public static Task<JsonObject> WaitForStatusAsync(HttpClient admin, string instanceId, string status, CancellationToken cancellationToken) =>
        WaitForStatusAsync(admin, instanceId, status, cancellationToken, TimeSpan.FromSeconds(20));

    public static async Task<JsonObject> WaitForStatusAsync(HttpClient admin, string instanceId, string status, CancellationToken cancellationToken, TimeSpan timeout)
    {
        JsonObject? instance = null;
        for (var deadline = DateTime.UtcNow + timeout; DateTime.UtcNow < deadline;)
        {
            instance = await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}", cancellationToken);
            if ((string?)instance!["status"] == status)
            {
                return instance;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new Xunit.Sdk.XunitException($"Instance {instanceId} did not reach {status}: {instance?.ToJsonString()}");
    }
}
