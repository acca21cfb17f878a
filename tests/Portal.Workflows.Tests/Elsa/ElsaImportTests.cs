using System.Text.Json.Nodes;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Expressions;
using Portal.Workflows.Interchange.Elsa;
using Portal.Workflows.Tests.Definitions;

namespace Portal.Workflows.Tests.Elsa;

/// <summary>
/// Imports of Elsa 3 exports written to the format Elsa's own serializers produce (see Fixtures/): 3.6 with
/// connections as { source: { activity, port }, target: { activity, port } }, and the earlier flat
/// { source, target, sourcePort, targetPort }.
/// </summary>
public sealed class ElsaImportTests
{
    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "tests", "Portal.Workflows.Tests", "Elsa", "Fixtures", name));

    private static ElsaImportResult Import(string name, string? id = null)
    {
        var result = ElsaImport.Read(Fixture(name), id);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Value;
    }

    [Fact]
    public void A_3_6_export_maps_each_known_activity_with_its_inputs_and_lists_the_unknown_one()
    {
        var imported = Import("approval-elsa-3.6.json");
        var definition = imported.Definition;

        Assert.Equal(("server-approval", "Server approval"), (definition.Id, definition.Name));
        Assert.Equal(
            ["Start", "Log", "SetVariable", "Decision", "Delay", "Fork", "Log", "Elsa.SendHttpRequest", "Join", "Fault", "End"],
            definition.Activities.Select(a => a.Type));
        Assert.Equal(
            ["Start1", "WriteLine1", "SetVariable1", "FlowDecision1", "Delay1", "FlowFork1", "WriteLine2", "SendHttpRequest1", "FlowJoin1", "Fault1", "End1"],
            definition.Activities.Select(a => a.Id));
        var unmapped = Assert.Single(imported.Unmapped);
        Assert.Equal(new UnmappedActivity("c2d3e4f506172839", "Elsa.SendHttpRequest", "SendHttpRequest1"), unmapped);

        var say = definition.Find("WriteLine1")!;
        Assert.Equal(("Say received", "Request received"), (say.Name, say.Inputs["message"].Value!.GetValue<string>()));
        var count = definition.Find("SetVariable1")!;
        Assert.Equal("attempts", count.Inputs["variable"].Value!.GetValue<string>());
        Assert.Equal("getVariable('attempts') + 1", count.Inputs["value"].Expression);
        Assert.Equal("return getVariable('attempts') < 3;", definition.Find("FlowDecision1")!.Inputs["condition"].Expression);
        Assert.Equal("00:05:00", definition.Find("Delay1")!.Inputs["duration"].Value!.GetValue<string>());
        Assert.Equal("all", definition.Find("FlowJoin1")!.Inputs["mode"].Value!.GetValue<string>());
        Assert.Equal("Too many attempts", definition.Find("Fault1")!.Inputs["message"].Value!.GetValue<string>());
        Assert.Contains(imported.Notes, n => n.ElsaId == "d4e5f60718293a4b" && n.Message.Contains("JavaScript", StringComparison.Ordinal));

        Assert.Equal("attempts", definition.Variables[0].Name);
        Assert.Equal(("number", 0d), (definition.Variables[0].Type, definition.Variables[0].Default!.GetValue<double>()));
        Assert.Equal(("boolean", false), (definition.Variables[1].Type, definition.Variables[1].Default!.GetValue<bool>()));
        Assert.Equal(("requestId", "string"), (definition.Inputs[0].Name, definition.Inputs[0].Type));
    }

    [Fact]
    public void Connections_keep_their_ports_as_outcomes_and_a_fork_fans_out_on_done()
    {
        var definition = Import("approval-elsa-3.6.json").Definition;

        Assert.Equal(
            [
                new Connection("Start1", "Done", "WriteLine1"), new Connection("WriteLine1", "Done", "SetVariable1"), new Connection("SetVariable1", "Done", "FlowDecision1"),
                new Connection("FlowDecision1", "True", "Delay1"), new Connection("FlowDecision1", "False", "Fault1"), new Connection("Delay1", "Done", "FlowFork1"),
                new Connection("FlowFork1", "Done", "WriteLine2"), new Connection("FlowFork1", "Done", "SendHttpRequest1"), new Connection("WriteLine2", "Done", "FlowJoin1"),
                new Connection("SendHttpRequest1", "Done", "FlowJoin1"), new Connection("FlowJoin1", "Done", "End1"),
            ],
            definition.Connections);
    }

    [Fact]
    public void Positions_are_kept_relative_to_each_other_and_moved_onto_the_canvas()
    {
        var definition = Import("approval-elsa-3.6.json").Definition;

        // Elsa drew Start at (-320, -40); the leftmost activity is at x -320 and the topmost at y -240.
        Assert.Equal(new Position(40, 240), definition.Find("Start1")!.Position);
        Assert.Equal(new Position(40 + 1920, 240 - 100), definition.Find("End1")!.Position);
    }

    [Fact]
    public void An_imported_definition_with_an_unmapped_activity_is_kept_as_a_draft_the_validator_refuses_to_publish()
    {
        var definition = Import("approval-elsa-3.6.json").Definition;

        var errors = new DefinitionValidator(ActivityRegistry.BuiltIn(), new JintExpressionEvaluator()).Validate(definition);

        Assert.Contains(errors, e => e.Message.Contains("Elsa.SendHttpRequest", StringComparison.Ordinal));
        // What the import produced survives the portal's own format unchanged (the draft is saved as that JSON).
        DefinitionAssert.SameContent(definition, WorkflowDefinitionJson.Parse(WorkflowDefinitionJson.Write(definition)).Value);
    }

    [Fact]
    public void An_earlier_3_0_export_with_flat_connections_imports_with_notes_for_what_changed()
    {
        var imported = Import("greeting-elsa-3.0-flat.json");
        var definition = imported.Definition;

        // Elsa's hexadecimal definitionId starts with a digit, which a portal id may not.
        Assert.Equal("elsa-9a7e4c1d2b3f5a60", definition.Id);
        Assert.Equal(["Log", "SetVariable", "Delay", "Log", "End", "Elsa.Correlate"], definition.Activities.Select(a => a.Type));
        Assert.Equal(new UnmappedActivity("Correlate1", "Elsa.Correlate", "Correlate1"), Assert.Single(imported.Unmapped));
        Assert.Equal(
            [new Connection("WriteLine1", "Done", "SetVariable1"), new Connection("SetVariable1", "Done", "Timer1"), new Connection("Timer1", "Done", "WriteLine2"),
             new Connection("WriteLine2", "Done", "Finish1"), new Connection("WriteLine1", "Done", "Correlate1")],
            definition.Connections);
        Assert.True(definition.Find("SetVariable1")!.Inputs["value"].Value!.GetValue<bool>());
        Assert.Equal("Greeted", definition.Find("SetVariable1")!.Inputs["variable"].Value!.GetValue<string>());
        Assert.Equal("01:00:00", definition.Find("Timer1")!.Inputs["duration"].Value!.GetValue<string>());
        Assert.False(definition.Find("WriteLine2")!.Inputs.ContainsKey("message"));
        Assert.Null(definition.Find("WriteLine2")!.Position);
        Assert.Equal(new Position(40, 40), definition.Find("WriteLine1")!.Position);
        Assert.Equal(("boolean", null), (definition.Variables[0].Type, definition.Variables[0].Default));

        Assert.Contains(imported.Notes, n => n.ElsaId == "Timer1" && n.Message.Contains("once", StringComparison.Ordinal));
        Assert.Contains(imported.Notes, n => n.ElsaId == "WriteLine2" && n.Message.Contains("Liquid", StringComparison.Ordinal));
        Assert.Contains(imported.Notes, n => n.ElsaId == "Finish1");
        Assert.Contains(imported.Notes, n => n.ElsaId == "Correlate1" && n.Message.Contains("Missing1", StringComparison.Ordinal));
    }

    [Fact]
    public void Pascal_case_names_as_Elsa_also_reads_them_are_understood()
    {
        const string json = """
            { "DefinitionId": "pascal", "Name": "Pascal", "Root": { "Type": "Elsa.Flowchart",
              "Activities": [ { "Id": "Start1", "Type": "Elsa.Start" }, { "Id": "End1", "Type": "Elsa.End" } ],
              "Connections": [ { "Source": { "Activity": "Start1", "Port": "Done" }, "Target": { "Activity": "End1", "Port": "In" } } ] } }
            """;

        var definition = ElsaImport.Read(json).Value.Definition;

        Assert.Equal("pascal", definition.Id);
        Assert.Equal([new Connection("Start1", "Done", "End1")], definition.Connections);
    }

    [Theory]
    [InlineData("""{ "definitionId": "x", "root": { "type": "Elsa.Sequence", "activities": [] } }""", "root.type")]
    [InlineData("""{ "definitionId": "x" }""", "root")]
    [InlineData("""{ "definitionId": "x", "root": { "type": "Elsa.Flowchart" """, "root")]
    [InlineData("""[ 1, 2 ]""", "root")]
    public void What_is_not_an_Elsa_3_flowchart_is_refused_saying_why(string json, string field)
    {
        Assert.Equal(field, Assert.Single(ElsaImport.Read(json).Errors).Field);
    }

    [Fact]
    public void An_id_given_by_the_admin_replaces_Elsas_definition_id()
    {
        Assert.Equal("greeting", Import("greeting-elsa-3.0-flat.json", "greeting").Definition.Id);
    }
}
