using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Portal.Web.Tests.Provisioning;
using static Portal.Web.Tests.Requests.RequestClients;

namespace Portal.Web.Tests.Requests;

/// <summary>The self-service journey over the HTTP API, on the simulated datacenter: request, approve or reject, servers.</summary>
public sealed class RequestJourneyApiTests(ProvisioningPortal portal) : IClassFixture<ProvisioningPortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_approved_virtual_request_completes_and_its_server_is_the_requesters_with_an_address()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var approver = await portal.SignedInAsync("approver@portal.local");

        var request = await SubmitAsync(requester, VirtualRequest("api-web-01"));
        Assert.Equal("PendingApproval", (string?)request["status"]);
        var id = (string)request["id"]!;
        var task = await TaskOfAsync(approver, id);
        using var decided = await DecideAsync(approver, task, "Approved");
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        var done = await WaitForStatusAsync(requester, id, "Completed");
        var server = done["servers"]!.AsArray().Single()!;
        Assert.Equal("api-web-01", (string?)server["hostname"]);
        Assert.Equal("Running", (string?)server["serverStatus"]);
        Assert.StartsWith("10.42.", (string?)server["ipAddress"]);
        var mine = await requester.GetFromJsonAsync<JsonArray>("/api/servers", Token);
        var listed = mine!.Single(s => (string?)s!["name"] == "api-web-01")!;
        Assert.Equal("requester@portal.local", (string?)listed["owner"]);
        Assert.Equal((string?)server["ipAddress"], (string?)listed["ipAddress"]);
        Assert.Contains(done["decisions"]!.AsArray(), d => (string?)d!["user"] == "approver@portal.local" && (string?)d["outcome"] == "Approved");
        Assert.Contains(done["timeline"]!.AsArray(), e => ((string?)e!["text"])!.StartsWith("api-web-01: ", StringComparison.Ordinal));
        Assert.DoesNotContain(ProvisioningPortal.Secret, done.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_servers_get_distinct_names_from_the_pattern_and_deploy_together()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var approver = await portal.SignedInAsync("approver@portal.local");

        var request = await SubmitAsync(requester, VirtualRequest("api-batch-{nn}", quantity: 3));
        var id = (string)request["id"]!;
        Assert.Equal(["api-batch-01", "api-batch-02", "api-batch-03"], request["hostnames"]!.AsArray().Select(h => (string)h!).ToArray());
        using var decided = await DecideAsync(approver, await TaskOfAsync(approver, id), "Approved");

        var done = await WaitForStatusAsync(requester, id, "Completed");
        var servers = done["servers"]!.AsArray();
        Assert.Equal(3, servers.Count);
        Assert.Equal(3, servers.Select(s => (string?)s!["ipAddress"]).Distinct().Count());
    }

    [Fact]
    public async Task A_request_runs_one_server_deployment_child_per_server_under_its_own_instance()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var approver = await portal.SignedInAsync("approver@portal.local");
        var id = (string)(await SubmitAsync(requester, VirtualRequest("api-children-{n}", quantity: 2)))["id"]!;
        using (await DecideAsync(approver, await TaskOfAsync(approver, id), "Approved"))
        {
        }

        var request = await WaitForStatusAsync(requester, id, "Completed");
        var parent = await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{request["workflowInstanceId"]}", Token);
        Assert.Equal("server-provisioning", (string?)parent!["definitionId"]);
        var children = parent["children"]!.AsArray();
        Assert.Equal(2, children.Count);
        foreach (var child in children)
        {
            var run = await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{child!["instanceId"]}", Token);
            Assert.Equal(("server-deployment", "Completed", (string?)request["workflowInstanceId"]),
                ((string?)run!["definitionId"], (string?)run["status"], (string?)run["parentInstanceId"]));
        }
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_ends_the_request_with_it_giving_the_name_back()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var approver = await portal.SignedInAsync("approver@portal.local");
        var id = (string)(await SubmitAsync(requester, VirtualRequest("api-rejected-01")))["id"]!;
        var task = await TaskOfAsync(approver, id);

        using var bare = await DecideAsync(approver, task, "Rejected");
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.NotNull((await bare.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!["comment"]);

        using var rejected = await DecideAsync(approver, task, "Rejected", "Use the shared load-test pool instead.");
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var request = await WaitForStatusAsync(requester, id, "Rejected");
        Assert.Contains("Use the shared load-test pool instead.", (string?)request["message"]);
        Assert.All(request["servers"]!.AsArray(), s => Assert.Equal("Cancelled", (string?)s!["deploymentStatus"]));

        // The name is free again.
        var again = await SubmitAsync(requester, VirtualRequest("api-rejected-01"));
        Assert.Equal("PendingApproval", (string?)again["status"]);
    }

    [Fact]
    public async Task A_physical_request_needs_a_second_approval_by_an_admin()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var approver = await portal.SignedInAsync("approver@portal.local");
        var id = (string)(await SubmitAsync(requester, PhysicalRequest("api-db-bm-01")))["id"]!;

        using (await DecideAsync(approver, await TaskOfAsync(approver, id), "Approved"))
        {
        }

        var waiting = await WaitForStatusAsync(requester, id, "PendingApproval");
        var secondTask = await TaskOfAsync(portal.Admin, id);
        Assert.Contains("Admin", (await requester.GetFromJsonAsync<JsonObject>($"/api/requests/{id}", Token))!["waitingFor"]!.AsArray()
            .SelectMany(w => w!["roles"]!.AsArray()).Select(r => (string?)r));
        Assert.DoesNotContain((await approver.GetFromJsonAsync<JsonArray>("/api/tasks", Token))!, t => (string?)t!["requestId"] == id);
        Assert.NotNull(waiting);

        using var second = await DecideAsync(portal.Admin, secondTask, "Approved");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var done = await WaitForStatusAsync(requester, id, "Completed");
        Assert.Equal("Physical", (string?)done["servers"]![0]!["kind"]);
        Assert.Equal(2, done["decisions"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_requester_holding_the_approver_role_cannot_approve_their_own_request()
    {
        using var alex = await portal.SignedInAsync("approver@portal.local");
        var id = (string)(await SubmitAsync(alex, VirtualRequest("api-own-01")))["id"]!;

        var inbox = await alex.GetFromJsonAsync<JsonArray>("/api/tasks", Token);
        Assert.DoesNotContain(inbox!, t => (string?)t!["requestId"] == id);
        var task = await WaitingTaskAsync(alex, id);
        using var own = await DecideAsync(alex, task, "Approved");

        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal("PendingApproval", (string?)(await alex.GetFromJsonAsync<JsonObject>($"/api/requests/{id}", Token))!["status"]);
    }

    [Fact]
    public async Task Two_approvers_deciding_at_once_one_wins_and_the_other_is_told_who_decided()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var alex = await portal.SignedInAsync("approver@portal.local");
        using var kim = await OtherApproverAsync(portal);
        var id = (string)(await SubmitAsync(requester, VirtualRequest("api-race-01")))["id"]!;
        var task = await TaskOfAsync(alex, id);

        var answers = await Task.WhenAll(DecideAsync(alex, task, "Approved"), DecideAsync(kim, task, "Rejected", "Not this quarter."));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains("Already decided", (await loser.Content.ReadFromJsonAsync<JsonObject>(Token))!["detail"]!.ToString());
        var request = await requester.GetFromJsonAsync<JsonObject>($"/api/requests/{id}", Token);
        Assert.Single(request!["decisions"]!.AsArray());
    }

    [Fact]
    public async Task A_host_name_in_use_is_refused_on_the_pattern_field()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        await SubmitAsync(requester, VirtualRequest("api-taken-01"));

        using var response = await requester.PostAsJsonAsync("/api/requests", VirtualRequest("api-taken-{nn}", quantity: 2), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!;
        Assert.Contains("api-taken-01", errors["hostnamePattern"]![0]!.ToString());
    }

    [Fact]
    public async Task A_missing_parameter_and_a_bad_quantity_are_keyed_by_their_fields()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");

        using var response = await requester.PostAsJsonAsync("/api/requests", new
        {
            imageId = ProvisioningPortal.Ubuntu, placement = "Virtual", hostnamePattern = "api-missing-01", quantity = 11, justification = "short",
            parameters = new Dictionary<string, object?>(),
        }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!.AsObject();
        Assert.Contains("quantity", errors.Select(e => e.Key));
        Assert.Contains("justification", errors.Select(e => e.Key));
    }

    [Fact]
    public async Task Without_a_chosen_platform_the_plan_names_the_platform_allocation_then_takes()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var approver = await portal.SignedInAsync("approver@portal.local");
        var body = new
        {
            imageId = ProvisioningPortal.Ubuntu, placement = "Virtual", hostnamePattern = "api-likely-01",
            justification = "Whichever cluster has room.", parameters = new Dictionary<string, object?>(),
        };
        var id = (string)(await SubmitAsync(requester, body))["id"]!;
        using (await DecideAsync(approver, await TaskOfAsync(approver, id), "Approved"))
        {
        }

        var done = await WaitForStatusAsync(requester, id, "Completed");
        var landedOn = (string)done["servers"]![0]!["platformName"]!;
        Assert.Contains(done["plan"]!.AsArray(), step => ((string)step!).Contains($" on {landedOn}:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_platform_of_the_other_kind_is_refused_saying_so()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        var body = new
        {
            imageId = ProvisioningPortal.Ubuntu, placement = "Physical", platformId = ProvisioningPortal.SimulatedVirtual, hostnamePattern = "api-kind-01",
            justification = "A server on the wrong kind of platform.",
        };

        using var response = await requester.PostAsJsonAsync("/api/requests", body, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!["platformId"]![0]!.ToString();
        Assert.Equal("Simulated virtual datacenter is a virtual platform; this request asks for a physical one.", message);
    }

    [Fact]
    public async Task A_missing_required_parameter_is_keyed_parameters_name()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        var body = new
        {
            imageId = Guid.Parse("1d0c0000-0000-4000-8000-000000000005"), placement = "Virtual", hostnamePattern = "api-pg-01",
            justification = "Postgres for the reporting team.", parameters = new Dictionary<string, object?> { ["adminPassword"] = ProvisioningPortal.Secret },
        };

        using var response = await requester.PostAsJsonAsync("/api/requests", body, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!["parameters.dbPassword"]);
    }

    [Fact]
    public async Task A_pending_request_can_be_withdrawn_and_a_completed_one_cannot()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        var id = (string)(await SubmitAsync(requester, VirtualRequest("api-withdrawn-01")))["id"]!;

        using var cancelled = await requester.PostAsync($"/api/requests/{id}/cancel", null, Token);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", (string?)(await cancelled.Content.ReadFromJsonAsync<JsonObject>(Token))!["status"]);
        Assert.Empty((await requester.GetFromJsonAsync<JsonObject>($"/api/requests/{id}", Token))!["waitingFor"]!.AsArray());

        using var again = await requester.PostAsync($"/api/requests/{id}/cancel", null, Token);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_password_the_portal_generated_is_shown_once_to_the_owner_and_never_again()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var approver = await portal.SignedInAsync("approver@portal.local");
        using var other = await OtherRequesterAsync(portal);
        var body = new
        {
            imageId = ProvisioningPortal.Ubuntu, placement = "Virtual", platformId = ProvisioningPortal.SimulatedVirtual, hostnamePattern = "api-genpw-01",
            justification = "A server whose password the portal makes.", parameters = new Dictionary<string, object?>(),
        };
        var id = (string)(await SubmitAsync(requester, body))["id"]!;
        using (await DecideAsync(approver, await TaskOfAsync(approver, id), "Approved"))
        {
        }

        var request = await WaitForStatusAsync(requester, id, "Completed");
        var serverId = (string)request["servers"]![0]!["serverId"]!;
        using var forAdmin = await portal.Admin.PostAsync($"/api/servers/{serverId}/initial-password", null, Token);
        using var forOther = await other.PostAsync($"/api/servers/{serverId}/initial-password", null, Token);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (forAdmin.StatusCode, forOther.StatusCode));

        using var first = await requester.PostAsync($"/api/servers/{serverId}/initial-password", null, Token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var secret = (await first.Content.ReadFromJsonAsync<JsonObject>(Token))!["secrets"]!.AsArray().Single()!;
        Assert.Equal(("adminPassword", "Administrator password"), ((string?)secret["name"], (string?)secret["label"]));
        var password = (string)secret["value"]!;
        Assert.True(password.Length >= 16, "a generated password is long");

        using var second = await requester.PostAsync($"/api/servers/{serverId}/initial-password", null, Token);
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.DoesNotContain(password, await second.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.DoesNotContain(password, await requester.GetStringAsync($"/api/requests/{id}", Token), StringComparison.Ordinal);
        Assert.DoesNotContain(password, await requester.GetStringAsync("/api/servers", Token), StringComparison.Ordinal);
    }
}
