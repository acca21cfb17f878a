using System.Text.Json.Nodes;
using Portal.Web.Designer;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;

namespace Portal.Web.Tests.Designer;

/// <summary>What the designer saves equals, as JSON, what was loaded plus the edits — for every shipped workflow.</summary>
public sealed class RoundTripTests
{
    private static readonly ActivityDescriptor Delay = ActivityRegistry.BuiltIn().Find("Delay")!.Descriptor;

    [Theory]
    [MemberData(nameof(ShippedDefinitions.Names), MemberType = typeof(ShippedDefinitions))]
    public void A_definition_opened_and_saved_without_edits_is_the_file_it_came_from(string name)
    {
        var document = new DesignerDocument(ShippedDefinitions.Load(name));

        var saved = JsonNode.Parse(WorkflowDefinitionJson.Write(document.Definition));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ShippedDefinitions.Text(name)), saved),
            $"{name}: the saved JSON differs from the file:\n{saved}");
        Assert.False(document.IsDirty);
    }

    [Theory]
    [MemberData(nameof(ShippedDefinitions.Names), MemberType = typeof(ShippedDefinitions))]
    public void A_definition_saved_after_edits_is_the_file_plus_exactly_those_edits(string name)
    {
        var document = new DesignerDocument(ShippedDefinitions.Load(name));
        var first = document.Definition.Activities[0].Id;
        var last = document.Definition.Activities[^1].Id;
        var removed = document.Definition.Connections[0];

        document.Move(new Dictionary<string, Position> { [first] = new(1000, 2000) });
        document.Rename(last, "Renamed in the designer");
        document.SetInput(last, "note", InputValue.Script("input.requestId + '!'"));
        var delay = document.AddActivity(Delay, new Position(300, 500));
        document.SetInput(delay, "duration", InputValue.Literal(JsonValue.Create("00:05:00")));
        document.Connect(new Connection(first, ActivityDescriptor.Done, delay));
        document.Disconnect(removed);
        document.Rename(first, "an edit undone");
        document.Undo();

        var expected = JsonNode.Parse(ShippedDefinitions.Text(name))!.AsObject();
        var activities = expected["activities"]!.AsArray();
        activities[0]!["position"] = new JsonObject { ["x"] = 1000, ["y"] = 2000 };
        var lastNode = activities[^1]!.AsObject();
        SetAfter(lastNode, "name", "Renamed in the designer", "type");
        lastNode["inputs"] ??= new JsonObject();
        lastNode["inputs"]!["note"] = new JsonObject { ["expression"] = "input.requestId + '!'" };
        activities.Add(new JsonObject
        {
            ["id"] = "delay",
            ["type"] = "Delay",
            ["position"] = new JsonObject { ["x"] = 300, ["y"] = 500 },
            ["inputs"] = new JsonObject { ["duration"] = new JsonObject { ["value"] = "00:05:00" } },
        });
        var connections = expected["connections"]!.AsArray();
        connections.RemoveAt(0);
        connections.Add(new JsonObject { ["from"] = first, ["outcome"] = "Done", ["to"] = "delay" });

        var saved = JsonNode.Parse(WorkflowDefinitionJson.Write(document.Definition));
        Assert.True(JsonNode.DeepEquals(expected, saved), $"{name}: expected\n{expected}\nbut saved\n{saved}");
        Assert.True(document.IsDirty);
    }

    [Theory]
    [MemberData(nameof(ShippedDefinitions.Names), MemberType = typeof(ShippedDefinitions))]
    public void Undoing_every_edit_brings_back_the_loaded_definition(string name)
    {
        var loaded = ShippedDefinitions.Load(name);
        var document = new DesignerDocument(loaded);
        var ids = loaded.Activities.Select(a => a.Id).ToList();
        document.Delete([ids[1]], []);
        document.Paste(document.Copy(ids.Take(3)), new Position(40, 40));
        document.ChangeId(ids[0], "renamedStart");

        while (document.Undo())
        {
        }

        Assert.Same(loaded, document.Definition);
        Assert.False(document.IsDirty);
        Assert.Equal(WorkflowDefinitionJson.Write(loaded), WorkflowDefinitionJson.Write(document.Definition));
    }

    [Theory]
    [MemberData(nameof(ShippedDefinitions.Names), MemberType = typeof(ShippedDefinitions))]
    public void Members_the_portal_does_not_know_on_the_definition_and_its_activities_are_saved_back_with_the_edits(string name)
    {
        var file = JsonNode.Parse(ShippedDefinitions.Text(name))!.AsObject();
        file.Insert(2, "owner", "ops");
        file["x-tool"] = new JsonObject { ["exportedBy"] = "modeler", ["revision"] = 7 };
        var activities = file["activities"]!.AsArray();
        activities[0]!.AsObject().Insert(1, "color", "blue");
        activities[^1]!["x-notes"] = new JsonArray("checked", new JsonObject { ["by"] = null });
        var text = file.ToJsonString();
        var document = new DesignerDocument(WorkflowDefinitionJson.Parse(text).Value!);
        var first = document.Definition.Activities[0].Id;
        var last = document.Definition.Activities[^1].Id;

        var unedited = JsonNode.Parse(WorkflowDefinitionJson.Write(document.Definition));
        document.Move(new Dictionary<string, Position> { [first] = new(1000, 2000) });
        document.Rename(last, "Renamed in the designer");
        document.EditWorkflow("Describe", d => d with { Description = "Edited with members from a newer portal" });

        var expected = JsonNode.Parse(text)!.AsObject();
        expected["description"] = "Edited with members from a newer portal";
        var expectedActivities = expected["activities"]!.AsArray();
        expectedActivities[0]!["position"] = new JsonObject { ["x"] = 1000, ["y"] = 2000 };
        expectedActivities[^1]!["name"] = "Renamed in the designer";
        var saved = JsonNode.Parse(WorkflowDefinitionJson.Write(document.Definition));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), unedited), $"{name}: saved without edits\n{unedited}");
        Assert.True(JsonNode.DeepEquals(expected, saved), $"{name}: expected\n{expected}\nbut saved\n{saved}");
    }

    /// <summary>Sets a member, placing it after another when new, as the records order their members.</summary>
    private static void SetAfter(JsonObject node, string member, JsonNode value, string after)
    {
        if (node.ContainsKey(member))
        {
            node[member] = value;
            return;
        }

        var index = node.IndexOf(after) + 1;
        node.Insert(index, member, value);
    }
}
