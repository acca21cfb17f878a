using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Requests;
using Portal.Provisioning.Requests;
using Portal.Provisioning.Simulation;
using Portal.Web.Tests.Provisioning;
using static Portal.Web.Tests.Notifications.NotificationClients;
using static Portal.Web.Tests.Requests.RequestClients;

namespace Portal.Web.Tests.Notifications;

/// <summary>
/// The request's life told to the people it concerns, through the real API and workflow on the simulated datacenter:
/// each event once per person, however often a step runs; and each person reads and marks only their own.
/// </summary>
public sealed class NotificationsApiTests(ProvisioningPortal portal) : IClassFixture<ProvisioningPortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The request's first server once its deployment is <paramref name="status"/>.</summary>
    private static async Task<JsonObject> WaitForServerAsync(HttpClient client, string requestId, string status)
    {
        JsonObject? server = null;
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var request = await client.GetFromJsonAsync<JsonObject>($"/api/requests/{requestId}", Token);
            server = request!["servers"]!.AsArray().FirstOrDefault()?.AsObject();
            if ((string?)server?["deploymentStatus"] == status)
            {
                return server!;
            }

            await Task.Delay(100, Token);
        }

        throw new Xunit.Sdk.XunitException($"The deployment of request {requestId} did not reach {status}: {server?.ToJsonString()}");
    }

    private static string Link(string requestId) => RequestNotifications.RequestLink(Guid.Parse(requestId));

    [Fact]
    public async Task Submitting_approving_and_completing_tell_the_requester_and_the_approval_tells_the_approvers_once_each()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var approver = await portal.SignedInAsync("approver@portal.local");
        using var otherApprover = await OtherApproverAsync(portal);
        var waitingBefore = (await OfAsync(otherApprover, "WaitingForYou")).Count;

        var id = (string)(await SubmitAsync(requester, VirtualRequest("notify-ok-01")))["id"]!;
        var submitted = await WaitForAsync(requester, "RequestSubmitted", Link(id));
        var waiting = await WaitForAsync(otherApprover, "WaitingForYou", count: waitingBefore + 1);
        Assert.Empty(await OfAsync(requester, "WaitingForYou"));

        using (var decided = await DecideAsync(approver, await TaskOfAsync(approver, id), "Approved"))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        await WaitForStatusAsync(requester, id, "Completed");
        var approved = await WaitForAsync(requester, "RequestApproved", Link(id));
        var completed = await WaitForAsync(requester, "RequestCompleted", Link(id));

        // The workflow's last step run again (a node died after it and another took it over): nobody hears it twice.
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RequestLifecycle>().FinishAsync(Guid.Parse(id), Token);
        }

        Assert.Single(submitted);
        Assert.Contains("notify-ok-01", (string?)submitted[0]["message"], StringComparison.Ordinal);
        Assert.Equal(waitingBefore + 1, waiting.Count);
        Assert.Equal("/approvals", (string?)waiting[0]["link"]);
        Assert.Single(approved);
        Assert.Single(completed);
        Assert.Single(await OfAsync(requester, "RequestCompleted", Link(id)));
        Assert.Equal(waitingBefore + 1, (await OfAsync(otherApprover, "WaitingForYou")).Count);
    }

    [Fact]
    public async Task A_rejection_tells_the_requester_why_and_an_approver_is_not_asked_to_decide_their_own_request()
    {
        using var approver = await portal.SignedInAsync("approver@portal.local");
        using var otherApprover = await OtherApproverAsync(portal);
        var ownWaitingBefore = (await OfAsync(approver, "WaitingForYou")).Count;
        var otherWaitingBefore = (await OfAsync(otherApprover, "WaitingForYou")).Count;

        // The demo approver is also a requester: their own request waits for the other approvers only.
        var id = (string)(await SubmitAsync(approver, VirtualRequest("notify-no-01")))["id"]!;
        await WaitForAsync(otherApprover, "WaitingForYou", count: otherWaitingBefore + 1);
        using (var decided = await DecideAsync(otherApprover, await TaskOfAsync(otherApprover, id), "Rejected", "No budget for load tests this quarter."))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        var rejected = await WaitForAsync(approver, "RequestRejected", Link(id));
        Assert.Contains("No budget for load tests this quarter.", (string?)rejected.Single()["message"], StringComparison.Ordinal);
        Assert.Equal(ownWaitingBefore, (await OfAsync(approver, "WaitingForYou")).Count);
    }

    [Fact]
    public async Task A_physical_request_asks_the_admins_once_the_first_approver_approved()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var approver = await portal.SignedInAsync("approver@portal.local");
        var adminWaitingBefore = (await OfAsync(portal.Admin, "WaitingForYou")).Count;

        var id = (string)(await SubmitAsync(requester, PhysicalRequest("notify-metal-01")))["id"]!;
        await WaitForAsync(requester, "RequestSubmitted", Link(id));
        var adminWaitingAtSubmission = (await OfAsync(portal.Admin, "WaitingForYou")).Count;
        using (var first = await DecideAsync(approver, await TaskOfAsync(approver, id), "Approved"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await WaitForAsync(portal.Admin, "WaitingForYou", count: adminWaitingBefore + 1);
        using (var second = await DecideAsync(portal.Admin, await TaskOfAsync(portal.Admin, id), "Rejected", "Bare metal is booked for the migration."))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        await WaitForAsync(requester, "RequestRejected", Link(id));
        Assert.Equal(adminWaitingBefore, adminWaitingAtSubmission);
        Assert.Empty(await OfAsync(requester, "RequestApproved", Link(id)));
    }

    [Fact]
    public async Task A_failed_deployment_tells_the_requester()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var approver = await portal.SignedInAsync("approver@portal.local");
        var id = (string)(await SubmitAsync(requester, VirtualRequest("notify-fail-01")))["id"]!;

        portal.Datacenter.FailNext(SimulatedStep.ConfigureSoftware, 3);
        using (var decided = await DecideAsync(approver, await TaskOfAsync(approver, id), "Approved"))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        // A step that keeps failing leaves the deployment for an admin; when the admin gives it up, the request has failed.
        var deployment = (string)(await WaitForServerAsync(requester, id, "Failed"))["deploymentId"]!;
        using (var cancelled = await portal.Admin.PostAsync($"/api/deployments/{deployment}/cancel", null, Token))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        }

        await WaitForStatusAsync(requester, id, nameof(RequestStatus.Failed));
        var failed = await WaitForAsync(requester, "RequestFailed", Link(id));
        Assert.Contains("notify-fail-01", (string?)failed.Single()["message"], StringComparison.Ordinal);
        Assert.Empty(await OfAsync(requester, "RequestCompleted", Link(id)));
    }

    [Fact]
    public async Task A_person_reads_unread_first_and_marks_only_their_own_read()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var other = await OtherRequesterAsync(portal);
        var first = (string)(await SubmitAsync(requester, VirtualRequest("notify-read-01")))["id"]!;
        var second = (string)(await SubmitAsync(requester, VirtualRequest("notify-read-02")))["id"]!;
        var older = (await WaitForAsync(requester, "RequestSubmitted", Link(first))).Single();
        await WaitForAsync(requester, "RequestSubmitted", Link(second));
        var id = (long)older["id"]!;

        using var someoneElses = await other.PostAsync($"/api/notifications/{id}/read", null, Token);
        using var mine = await requester.PostAsync($"/api/notifications/{id}/read", null, Token);
        var page = await PageAsync(requester);
        var items = page["items"]!.AsArray();
        using var withoutUpTo = await requester.PostAsync("/api/notifications/read-all", null, Token);
        var newest = items.Max(n => (long)n!["id"]!);
        var marked = await (await requester.PostAsync($"/api/notifications/read-all?upTo={newest}", null, Token)).Content.ReadFromJsonAsync<JsonObject>(Token);

        Assert.Equal(HttpStatusCode.NotFound, someoneElses.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, mine.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutUpTo.StatusCode);
        var readIndex = items.Select(n => (long)n!["id"]!).ToList().IndexOf(id);
        Assert.True(items.Take(readIndex).All(n => n!["readAt"] is null), "unread notifications come before read ones");
        Assert.NotNull(items[readIndex]!["readAt"]);
        Assert.Equal((int)page["unreadCount"]!, (int)marked!["count"]!);
        Assert.Equal(0, (int)(await PageAsync(requester))["unreadCount"]!);
        Assert.DoesNotContain(await AllAsync(other), n => (long)n["id"]! == id);
    }
}
