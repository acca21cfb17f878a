using Portal.Workflows.Definitions;
using Portal.Workflows.Definitions.Diff;
using static Portal.Workflows.Tests.Runtime.Flow;

namespace Portal.Workflows.Tests.Definitions;

public sealed class DefinitionDiffTests
{
    private static readonly WorkflowDefinition Before = Define(
        [Node("start", "Start"), Node("approve", "UserTask", Lit("role", "Approver"), Lit("title", "Approve")), Node("say", "Log", Lit("message", "hi")), Node("end", "End")],
        [C("start", "approve"), C("approve", "say", "Approved"), C("say", "end")],
        [Var("count", 0)]);

    [Fact]
    public void Identical_versions_differ_in_nothing()
    {
        var same = Before with { Activities = [.. Before.Activities], Connections = [.. Before.Connections] };

        Assert.True(DefinitionDiff.Compare(Before, same).IsEmpty);
    }

    [Fact]
    public void A_delay_put_between_two_nodes_is_one_added_activity_two_added_and_one_removed_connection()
    {
        var after = Before with
        {
            Activities = [.. Before.Activities, Node("pause", "Delay", Lit("duration", "PT5M"))],
            Connections = [C("start", "approve"), C("approve", "pause", "Approved"), C("pause", "say"), C("say", "end")],
        };

        var diff = DefinitionDiff.Compare(Before, after);

        Assert.Equal("pause", Assert.Single(diff.AddedActivities).Id);
        Assert.Empty(diff.RemovedActivities);
        Assert.Empty(diff.ChangedActivities);
        Assert.Equal([C("approve", "pause", "Approved"), C("pause", "say")], diff.AddedConnections);
        Assert.Equal([C("approve", "say", "Approved")], diff.RemovedConnections);
        Assert.Empty(diff.DefinitionFields);
    }

    [Fact]
    public void A_changed_activity_names_each_changed_field_and_input()
    {
        var after = Before with
        {
            Activities =
            [
                Before.Activities[0] with { Position = new Position(10, 20) },
                Node("approve", "UserTask", Lit("role", "Admin"), Lit("title", "Approve"), Js("description", "input.requestId")) with { Name = "Approval" },
                Before.Activities[2],
            ],
            Connections = [C("start", "approve"), C("approve", "say", "Approved")],
        };

        var diff = DefinitionDiff.Compare(Before, after);

        Assert.Equal(["start", "approve"], diff.ChangedActivities.Select(c => c.Id));
        Assert.Equal(["position"], diff.ChangedActivities[0].Fields);
        Assert.True(diff.ChangedActivities[0].IsLayoutOnly);
        Assert.Equal(["inputs.description", "inputs.role", "name"], diff.ChangedActivities[1].Fields.Order(StringComparer.Ordinal));
        Assert.False(diff.ChangedActivities[1].IsLayoutOnly);
        Assert.Equal("end", Assert.Single(diff.RemovedActivities).Id);
        Assert.Equal([C("say", "end")], diff.RemovedConnections);
    }

    [Fact]
    public void A_literal_turned_into_an_expression_is_a_change_of_that_input()
    {
        var after = Before with { Activities = [.. Before.Activities.Select(a => a.Id == "say" ? Node("say", "Log", Js("message", "'hi'")) : a)] };

        var change = Assert.Single(DefinitionDiff.Compare(Before, after).ChangedActivities);

        Assert.Equal(["inputs.message"], change.Fields);
    }

    [Fact]
    public void Members_this_portal_does_not_know_are_compared_by_value_and_named_as_written()
    {
        static WorkflowDefinition Read(string owner, string color) => WorkflowDefinitionJson.Parse(
            $$"""{ "schemaVersion": 1, "id": "x", "name": "X", "owner": "{{owner}}", "activities": [ { "id": "a", "type": "Start", "color": "{{color}}" } ] }""").Value!;

        var same = DefinitionDiff.Compare(Read("ops", "blue"), Read("ops", "blue"));
        var changed = DefinitionDiff.Compare(Read("ops", "blue"), Read("dev", "red"));

        Assert.True(same.IsEmpty, "Two reads of one text should not differ.");
        Assert.Equal(
            ("owner", "a", "color"),
            (string.Join(",", changed.DefinitionFields), Assert.Single(changed.ChangedActivities).Id, string.Join(",", changed.ChangedActivities[0].Fields)));
    }

    [Fact]
    public void The_definitions_own_fields_are_named_with_variables_and_inputs_by_name()
    {
        var after = Before with
        {
            Name = "Renamed",
            Description = "Now described",
            Variables = [Var("count", 1), Var("other")],
            Inputs = [new WorkflowInput { Name = "requestId", Required = true }],
        };

        var diff = DefinitionDiff.Compare(Before, after);

        Assert.Equal(["description", "inputs.requestId", "name", "variables.count", "variables.other"], diff.DefinitionFields.Order(StringComparer.Ordinal));
        Assert.Empty(diff.ChangedActivities);
    }

    [Fact]
    public void An_activity_whose_type_changed_names_the_type()
    {
        var after = Before with { Activities = [.. Before.Activities.Select(a => a.Id == "say" ? a with { Type = "Audit" } : a)] };

        Assert.Equal(["type"], Assert.Single(DefinitionDiff.Compare(Before, after).ChangedActivities).Fields);
    }
}
