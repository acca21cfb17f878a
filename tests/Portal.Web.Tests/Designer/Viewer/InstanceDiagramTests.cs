using System.Text.Json.Nodes;
using Portal.Web.Designer.Viewer;
using Portal.Workflows.Definitions;
using Portal.Workflows.Runtime;

namespace Portal.Web.Tests.Designer.Viewer;

public sealed class InstanceDiagramTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static WorkflowDefinition Flow(params string[] ids) => new()
    {
        Id = "flow",
        Name = "Flow",
        Inputs = [new WorkflowInput { Name = "token", Secret = true }],
        Variables = [new WorkflowVariable { Name = "hidden", Secret = true }, new WorkflowVariable { Name = "plain" }],
        Activities = ids.Select(id => new ActivityNode { Id = id, Type = "Log" }).ToList(),
        Connections = ids.Zip(ids.Skip(1), (a, b) => new Connection(a, "Done", b)).ToList(),
    };

    private static WorkflowState State(WorkflowStatus status) => new()
    {
        InstanceId = "i-1", DefinitionId = "flow", DefinitionVersion = 1, Status = status, CreatedAt = At, UpdatedAt = At,
    };

    private static JournalEntry Entry(string activity, JournalEvent journalEvent, string? outcome = "Done", string execution = "x1") =>
        new(execution, activity, "Log", At, TimeSpan.FromMilliseconds(3), journalEvent, outcome);

    [Fact]
    public void Each_activity_is_marked_by_how_it_stands_and_a_bookmark_outranks_its_journal()
    {
        var state = State(WorkflowStatus.Suspended);
        state.Journal.AddRange([Entry("a", JournalEvent.Completed), Entry("b", JournalEvent.Suspended, null, "x2"), Entry("s", JournalEvent.Skipped, "Done", "x4")]);
        state.Bookmarks.Add(new Bookmark("bm", "go", "b", "x2", At));
        state.Queue.Add(new ScheduledExecution("x3", "c"));

        var diagram = InstanceDiagram.From(state, Flow("a", "b", "c", "s", "d"));

        Assert.Equal(
            [ActivityMark.Completed, ActivityMark.Waiting, ActivityMark.Queued, ActivityMark.Skipped, ActivityMark.NotRun],
            new[] { "a", "b", "c", "s", "d" }.Select(id => diagram.RunOf(id).Mark));
    }

    [Fact]
    public void The_activity_with_the_open_incident_of_a_faulted_instance_is_faulted_and_keeps_every_incident()
    {
        var state = State(WorkflowStatus.Faulted);
        state.Journal.AddRange([Entry("a", JournalEvent.Faulted, null), Entry("a", JournalEvent.Faulted, null)]);
        state.Incidents.AddRange([new Incident("a", "x1", 1, "boom", At, Resolved: true), new Incident("a", "x1", 2, "boom again", At)]);

        var run = InstanceDiagram.From(state, Flow("a", "b")).RunOf("a");

        Assert.Equal(ActivityMark.Faulted, run.Mark);
        Assert.Equal("boom again", run.OpenIncident?.Message);
        Assert.Equal(2, run.Incidents.Count);
    }

    [Fact]
    public void Journal_steps_keep_their_place_in_the_whole_journal_and_only_taken_outcomes_count_as_taken()
    {
        var state = State(WorkflowStatus.Completed);
        state.Journal.AddRange([Entry("a", JournalEvent.Completed), Entry("b", JournalEvent.Completed, "Done", "x2"), Entry("a", JournalEvent.Completed, "Done", "x3")]);

        var diagram = InstanceDiagram.From(state, Flow("a", "b", "c"));

        Assert.Equal([1, 3], diagram.RunOf("a").Steps.Select(s => s.Number));
        Assert.True(diagram.WasTaken(new Connection("a", "Done", "b")));
        Assert.False(diagram.WasTaken(new Connection("b", "Failed", "c")));
        Assert.Equal(TimeSpan.FromMilliseconds(6), diagram.RunOf("a").TotalDuration);
    }

    [Fact]
    public void An_output_field_named_like_a_password_shows_only_the_mask_at_any_depth()
    {
        var state = State(WorkflowStatus.Completed);
        state.Journal.Add(Entry("a", JournalEvent.Completed));
        state.Outputs["a"] = new JsonObject { ["machine"] = "web-1", ["access"] = new JsonObject { ["adminPassword"] = "hunter2", ["user"] = "root" } };

        var output = InstanceDiagram.From(state, Flow("a")).RunOf("a").LastOutput!;

        Assert.Equal("web-1", (string?)output["machine"]);
        Assert.Equal(OutputMasking.Mask, (string?)output["access"]!["adminPassword"]);
        Assert.Equal("root", (string?)output["access"]!["user"]);
        Assert.Equal("hunter2", (string?)state.Outputs["a"]!["access"]!["adminPassword"]);
    }

    [Fact]
    public void The_output_of_an_activity_that_reads_a_secret_or_sets_a_secret_variable_shows_only_the_mask()
    {
        var definition = Flow("a") with
        {
            Activities =
            [
                new ActivityNode { Id = "reads", Type = "Log", Inputs = new Dictionary<string, InputValue> { ["message"] = InputValue.Script("'t=' + input.token") } },
                new ActivityNode { Id = "sets", Type = "SetVariable", Inputs = new Dictionary<string, InputValue> { ["variable"] = InputValue.Literal("hidden"), ["value"] = InputValue.Literal("s3cr3t") } },
                new ActivityNode { Id = "plain", Type = "SetVariable", Inputs = new Dictionary<string, InputValue> { ["variable"] = InputValue.Literal("plain"), ["value"] = InputValue.Literal("visible") } },
            ],
        };
        var state = State(WorkflowStatus.Completed);
        state.Journal.AddRange([Entry("reads", JournalEvent.Completed), Entry("sets", JournalEvent.Completed, "Done", "x2"), Entry("plain", JournalEvent.Completed, "Done", "x3")]);
        state.Outputs["reads"] = "t=abc";
        state.Outputs["sets"] = "s3cr3t";
        state.Outputs["plain"] = "visible";

        var diagram = InstanceDiagram.From(state, definition);

        Assert.Equal(OutputMasking.Mask, (string?)diagram.RunOf("reads").LastOutput);
        Assert.Equal(OutputMasking.Mask, (string?)diagram.RunOf("sets").LastOutput);
        Assert.Equal("visible", (string?)diagram.RunOf("plain").LastOutput);
    }

    [Fact]
    public void The_instance_keeps_its_secret_inputs_masked()
    {
        var state = State(WorkflowStatus.Completed);
        state.Inputs["token"] = "abc";

        var diagram = InstanceDiagram.From(state, Flow("a"));

        Assert.Equal(OutputMasking.Mask, (string?)diagram.Instance.Inputs["token"]);
    }
}
