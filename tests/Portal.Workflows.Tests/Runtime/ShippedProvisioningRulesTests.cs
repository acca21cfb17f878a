using System.Text.Json.Nodes;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Runtime;
using Portal.Workflows.Tests.Definitions;

namespace Portal.Workflows.Tests.Runtime;

/// <summary>
/// The approval rules the product ships live in workflows/server-provisioning.json, not in code: read here from the file
/// itself and run on the real runner, with the request and deployment steps played by recording stand-ins.
/// </summary>
public sealed class ShippedProvisioningRulesTests
{
    private readonly RecordingRequestActivity requests = new();
    private readonly EngineHarness engine;
    private readonly WorkflowDefinition definition;

    public ShippedProvisioningRulesTests()
    {
        engine = new EngineHarness(requests);
        var parsed = WorkflowDefinitionJson.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "workflows", "server-provisioning.json")));
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Select(e => e.Message)));
        definition = parsed.Value;
    }

    private static JsonObject Inputs(bool physical = false, int totalVcpu = 4) => new()
    {
        ["requestId"] = "3f1c0000-0000-4000-8000-000000000001",
        ["requestedBy"] = "riya@portal.local",
        ["deploymentIds"] = new JsonArray("d1", "d2"),
        ["servers"] = 2,
        ["totalVcpu"] = totalVcpu,
        ["physical"] = physical,
    };

    private static JsonObject Decision(string user, string outcome, string role, string? comment = null) =>
        new() { ["user"] = user, ["roles"] = new JsonArray(role), ["outcome"] = outcome, ["comment"] = comment };

    [Fact]
    public async Task A_small_virtual_request_needs_one_approval_and_then_deploys_every_server()
    {
        var state = await engine.StartAsync(definition, Inputs());

        await engine.ResumeAsync(definition, state, "UserTask", Decision("alex@portal.local", "Approved", "Approver"));

        Assert.Equal(["Approved", "Provisioning"], requests.Statuses);
        var fanOut = state.Bookmarks.Single(b => b.Name == "RunWorkflow");
        Assert.Equal(["d1", "d2"], fanOut.Data!["each"]!.AsArray().Select(e => (string)e!["deploymentId"]!).ToArray());
        Assert.Equal("server-deployment", (string?)fanOut.Data["workflow"]);
    }

    [Theory]
    [InlineData(true, 4)]
    [InlineData(false, 17)]
    public async Task A_physical_or_large_request_waits_for_a_second_approval_by_an_admin(bool physical, int totalVcpu)
    {
        var state = await engine.StartAsync(definition, Inputs(physical, totalVcpu));

        await engine.ResumeAsync(definition, state, "UserTask", Decision("alex@portal.local", "Approved", "Approver"));

        Assert.Empty(requests.Statuses);
        var second = state.Bookmarks.Single(b => b.Name == "UserTask");
        Assert.Equal(["Admin"], second.Data!["roles"]!.AsArray().Select(r => (string)r!).ToArray());
        Assert.Equal("riya@portal.local", (string?)second.Data["excludedUser"]);
        var refused = await engine.ResumeAsync(definition, state, "UserTask", Decision("alex@portal.local", "Approved", "Approver"));
        Assert.Equal(ResumeOutcome.Refused, refused.Outcome);

        await engine.ResumeAsync(definition, state, "UserTask", Decision("sam@portal.local", "Approved", "Admin"));
        Assert.Equal(["Approved", "Provisioning"], requests.Statuses);
    }

    [Fact]
    public async Task Sixteen_vcpu_is_still_one_approval()
    {
        var state = await engine.StartAsync(definition, Inputs(totalVcpu: 16));

        await engine.ResumeAsync(definition, state, "UserTask", Decision("alex@portal.local", "Approved", "Approver"));

        Assert.Equal(["Approved", "Provisioning"], requests.Statuses);
    }

    [Fact]
    public async Task The_requester_can_never_decide_their_own_request()
    {
        var state = await engine.StartAsync(definition, Inputs());

        var refused = await engine.ResumeAsync(definition, state, "UserTask", Decision("riya@portal.local", "Approved", "Approver"));

        Assert.Equal(ResumeOutcome.Refused, refused.Outcome);
        Assert.Empty(requests.Statuses);
    }

    [Fact]
    public async Task A_rejection_ends_the_request_as_rejected_with_the_approvers_comment()
    {
        var state = await engine.StartAsync(definition, Inputs());

        await engine.ResumeAsync(definition, state, "UserTask", Decision("alex@portal.local", "Rejected", "Approver", "Use the shared pool."));

        Assert.Equal(["Rejected"], requests.Statuses);
        Assert.Equal("Rejected by alex@portal.local: Use the shared pool.", requests.Messages.Single());
        Assert.Equal(WorkflowStatus.Completed, state.Status);
    }

    [Fact]
    public async Task A_task_nobody_decides_follows_the_timed_out_path_after_three_days()
    {
        var state = await engine.StartAsync(definition, Inputs());
        engine.Clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        await engine.FireDueAsync(definition, state);
        Assert.Empty(requests.Statuses);

        engine.Clock.Advance(TimeSpan.FromMinutes(2));
        await engine.FireDueAsync(definition, state);

        Assert.Equal(["Rejected"], requests.Statuses);
        Assert.Contains("Nobody decided within three days", requests.Messages.Single(), StringComparison.Ordinal);
        Assert.Contains(state.Journal, e => e.ActivityId == "approval" && e.Outcome == "TimedOut");
    }

    /// <summary>Plays UpdateRequest: records the statuses the workflow moves the request to, and their messages.</summary>
    private sealed class RecordingRequestActivity : IActivity
    {
        public List<string> Statuses { get; } = [];

        public List<string?> Messages { get; } = [];

        public ActivityDescriptor Descriptor { get; } = new()
        {
            Type = "UpdateRequest", Category = "Requests", DisplayName = "Update request",
            Inputs = [new("requestId", "string", Required: true), new("status", "string", Required: true), new("message", "string")],
        };

        public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
        {
            Statuses.Add(context.RequiredString("status"));
            Messages.Add(context.InputString("message"));
            return ValueTask.FromResult(ActivityResult.Complete());
        }
    }
}
