using System.Net;
using System.Text.Json.Nodes;
using Portal.Web.Tests.Provisioning;
using Portal.Web.Tests.Requests;

namespace Portal.Web.Tests.Security;

/// <summary>
/// The real portal (simulated datacenter, demo data) with one signed-in client per role of the matrix, and the real
/// ids its rows need: a request of requester@portal.local waiting for approval (with its task, deployment and workflow
/// instance) and one they withdrew.
/// </summary>
public sealed class AuthorizationMatrixFixture : IAsyncLifetime
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly Dictionary<AuthorizationMatrixRole, HttpClient> clients = [];

    public ProvisioningPortal Portal { get; } = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public HttpClient Client(AuthorizationMatrixRole role) => clients[role];

    public async ValueTask InitializeAsync()
    {
        await Portal.InitializeAsync();
        clients[AuthorizationMatrixRole.Anonymous] = Portal.Factory.CreateBrowserLikeClient();
        clients[AuthorizationMatrixRole.Requester] = await Portal.SignedInAsync("requester@portal.local");
        clients[AuthorizationMatrixRole.OtherRequester] = await RequestClients.OtherRequesterAsync(Portal);
        clients[AuthorizationMatrixRole.Approver] = await Portal.SignedInAsync("approver@portal.local");
        clients[AuthorizationMatrixRole.ApproverOnly] = await RequestClients.OtherApproverAsync(Portal);
        clients[AuthorizationMatrixRole.Admin] = Portal.Admin;

        var requester = clients[AuthorizationMatrixRole.Requester];
        var host = $"matrix-{Guid.NewGuid().ToString("N")[..8]}";
        var request = await RequestClients.SubmitAsync(requester, RequestClients.VirtualRequest(host));
        var requestId = (string)request["id"]!;
        values["request"] = requestId;
        values["requestHost"] = host;
        values["deployment"] = (string)request["servers"]!.AsArray()[0]!["deploymentId"]!;
        values["instance"] = (string)request["workflowInstanceId"]!;
        values["task"] = await RequestClients.TaskOfAsync(clients[AuthorizationMatrixRole.Approver], requestId);

        var withdrawn = await RequestClients.SubmitAsync(requester, RequestClients.VirtualRequest($"matrix-{Guid.NewGuid().ToString("N")[..8]}"));
        using (var cancelled = await requester.PostAsync($"/api/requests/{withdrawn["id"]}/cancel", null, Token))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        values["withdrawn"] = (string)withdrawn["id"]!;
        values["image"] = ProvisioningPortal.Ubuntu.ToString();
        values["workflow"] = "server-provisioning";
        values["missing"] = Guid.NewGuid().ToString();
    }

    /// <summary>The text with every {placeholder} replaced by the fixture's real value; fails on an unknown placeholder.</summary>
    public string Fill(string text)
    {
        var filled = text;
        foreach (var (name, value) in values)
        {
            filled = filled.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        Assert.False(filled.Contains('{', StringComparison.Ordinal) && !filled.TrimStart().StartsWith('{'),
            $"'{text}' has a placeholder the fixture does not fill; it fills {string.Join(", ", values.Keys.Select(k => "{" + k + "}"))}.");
        return filled;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (role, client) in clients)
        {
            if (role != AuthorizationMatrixRole.Admin)
            {
                client.Dispose();
            }
        }

        await Portal.DisposeAsync();
    }
}
