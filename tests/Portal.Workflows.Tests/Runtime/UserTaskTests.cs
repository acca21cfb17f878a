using System.Text.Json.Nodes;
using Portal.Workflows.Definitions;
using Portal.Workflows.Runtime;
using static Portal.Workflows.Tests.Runtime.Flow;

namespace Portal.Workflows.Tests.Runtime;

public sealed class UserTaskTests
{
    private readonly EngineHarness engine = new();

    private static WorkflowDefinition Approval(string mode = "any", JsonArray? users = null, string? onExpiry = null) => Define(
        [
            Node("start", "Start"),
            Node("approve", "UserTask",
                Lit("title", "Approve the server"), Lit("roles", new JsonArray("Approver")), Lit("users", users ?? []), Lit("mode", mode),
                Lit("outcomes", new JsonArray("Approved", "Rejected")), Js("excludedUser", "input.requester"), Lit("dueIn", "2.00:00:00"),
                Lit("onExpiry", onExpiry)),
            Node("approved", "Log", Lit("message", "go")), Node("rejected", "Log", Lit("message", "stop")), Node("late", "Log", Lit("message", "late")),
        ],
        [C("start", "approve"), C("approve", "approved", "Approved"), C("approve", "rejected", "Rejected"), C("approve", "late", "TimedOut")],
        inputs: [new() { Name = "requester", Required = true }]);

    private static JsonObject Decision(string user, string outcome, params string[] roles) =>
        new() { ["user"] = user, ["outcome"] = outcome, ["roles"] = new JsonArray(roles.Select(r => (JsonNode?)r).ToArray()) };

    private async Task<(WorkflowDefinition, WorkflowState)> StartAsync(WorkflowDefinition definition) =>
        (definition, await engine.StartAsync(definition, new JsonObject { ["requester"] = "riya@portal.local" }));

    [Fact]
    public async Task An_approver_approves_and_the_approved_path_runs()
    {
        var (definition, state) = await StartAsync(Approval());

        var result = await engine.ResumeAsync(definition, state, "UserTask", Decision("alex@portal.local", "Approved", "Approver"));

        Assert.Equal(ResumeOutcome.Resumed, result.Outcome);
        Assert.Equal(1, EngineHarness.Completions(state, "approved"));
        Assert.Equal(WorkflowStatus.Completed, state.Status);
    }

    [Fact]
    public async Task The_requester_cannot_approve_their_own_request()
    {
        var (definition, state) = await StartAsync(Approval());

        var result = await engine.ResumeAsync(definition, state, "UserTask", Decision("riya@portal.local", "Approved", "Approver"));

        Assert.Equal(ResumeOutcome.Refused, result.Outcome);
        Assert.Contains("may not decide", result.Message, StringComparison.Ordinal);
        Assert.Equal(WorkflowStatus.Suspended, state.Status);
        Assert.Single(state.Bookmarks);
    }

    [Theory]
    [InlineData("sam@portal.local", "Approved", "Requester", "not an assignee")]
    [InlineData("alex@portal.local", "Maybe", "Approver", "not one of this task's decisions")]
    public async Task A_decision_that_does_not_count_is_refused_and_the_task_keeps_waiting(string user, string outcome, string role, string reason)
    {
        var (definition, state) = await StartAsync(Approval());

        var result = await engine.ResumeAsync(definition, state, "UserTask", Decision(user, outcome, role));

        Assert.Equal(ResumeOutcome.Refused, result.Outcome);
        Assert.Contains(reason, result.Message, StringComparison.Ordinal);
        Assert.Single(state.Bookmarks);
    }

    [Fact]
    public async Task In_all_of_mode_every_listed_user_must_approve()
    {
        var (definition, state) = await StartAsync(Approval("all", new JsonArray("alex@portal.local", "kim@portal.local")));

        await engine.ResumeAsync(definition, state, "UserTask", Decision("alex@portal.local", "Approved"));
        Assert.Equal(WorkflowStatus.Suspended, state.Status);
        Assert.Equal(0, EngineHarness.Completions(state, "approved"));

        await engine.ResumeAsync(definition, state, "UserTask", Decision("kim@portal.local", "Approved"));
        Assert.Equal(1, EngineHarness.Completions(state, "approved"));
        Assert.Equal(2, state.Outputs["approve"]!["decisions"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_task_still_waiting_for_other_deciders_keeps_its_id_and_due_time()
    {
        var (definition, state) = await StartAsync(Approval("all", new JsonArray("alex@portal.local", "kim@portal.local")));
        var before = state.Bookmarks.Single();

        await engine.ResumeAsync(definition, state, "UserTask", Decision("alex@portal.local", "Approved"));

        var after = state.Bookmarks.Single();
        Assert.Equal((before.Id, before.DueAt, before.CreatedAt), (after.Id, after.DueAt, after.CreatedAt));
        Assert.Single(after.Data!["decisions"]!.AsArray());
    }

    [Fact]
    public async Task In_all_of_mode_one_rejection_decides_at_once()
    {
        var (definition, state) = await StartAsync(Approval("all", new JsonArray("alex@portal.local", "kim@portal.local")));

        await engine.ResumeAsync(definition, state, "UserTask", Decision("kim@portal.local", "Rejected"));

        Assert.Equal(1, EngineHarness.Completions(state, "rejected"));
        Assert.Equal(WorkflowStatus.Completed, state.Status);
    }

    [Fact]
    public async Task An_unanswered_task_times_out_at_its_due_time()
    {
        var (definition, state) = await StartAsync(Approval());
        Assert.Equal(engine.Clock.GetUtcNow().AddDays(2), state.Bookmarks.Single().DueAt);

        engine.Clock.Advance(TimeSpan.FromDays(2));
        await engine.FireDueAsync(definition, state);

        Assert.Equal(1, EngineHarness.Completions(state, "late"));
    }

    [Fact]
    public async Task An_automatic_decision_on_expiry_takes_its_outcome()
    {
        var (definition, state) = await StartAsync(Approval(onExpiry: "Approved"));

        engine.Clock.Advance(TimeSpan.FromDays(3));
        await engine.FireDueAsync(definition, state);

        Assert.Equal(1, EngineHarness.Completions(state, "approved"));
    }
}
