using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Portal.Web.Tests.Workflows;

/// <summary>Waits, through the HTTP API, until an instance reaches a status; fails with the instance as it stands.</summary>
internal static class InstancePolling
{
    public static async Task<JsonObject> WaitForStatusAsync(HttpClient admin, string instanceId, string status, CancellationToken cancellationToken)
    {
        JsonObject? instance = null;
        for (var attempt = 0; attempt < 200; attempt++)
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
