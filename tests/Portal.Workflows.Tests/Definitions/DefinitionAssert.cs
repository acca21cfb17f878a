using System.Text.Json.Nodes;
using Portal.Workflows.Definitions;

namespace Portal.Workflows.Tests.Definitions;

/// <summary>
/// Compares definitions by content, member by member: the records hold lists, dictionaries and JSON nodes, which
/// record equality compares by reference.
/// </summary>
internal static class DefinitionAssert
{
    public static void SameContent(WorkflowDefinition expected, WorkflowDefinition actual)
    {
        Assert.Equal(expected.SchemaVersion, actual.SchemaVersion);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Description, actual.Description);

        Assert.Equal(expected.Inputs.Count, actual.Inputs.Count);
        foreach (var (e, a) in expected.Inputs.Zip(actual.Inputs))
        {
            Assert.Equal((e.Name, e.Type, e.Required, e.Secret), (a.Name, a.Type, a.Required, a.Secret));
            SameNode(e.Default, a.Default, $"default of input {e.Name}");
        }

        Assert.Equal(expected.Variables.Count, actual.Variables.Count);
        foreach (var (e, a) in expected.Variables.Zip(actual.Variables))
        {
            Assert.Equal((e.Name, e.Type, e.Secret), (a.Name, a.Type, a.Secret));
            SameNode(e.Default, a.Default, $"default of variable {e.Name}");
        }

        Assert.Equal(expected.Activities.Count, actual.Activities.Count);
        foreach (var (e, a) in expected.Activities.Zip(actual.Activities))
        {
            Assert.Equal((e.Id, e.Type, e.Name, e.CompensateWith), (a.Id, a.Type, a.Name, a.CompensateWith));
            Assert.Equal(e.Position, a.Position);
            Assert.Equal(e.Retry, a.Retry);
            Assert.Equal(e.Inputs.Keys.Order(), a.Inputs.Keys.Order());
            foreach (var (name, input) in e.Inputs)
            {
                Assert.Equal(input.Expression, a.Inputs[name].Expression);
                SameNode(input.Value, a.Inputs[name].Value, $"input {name} of activity {e.Id}");
            }
        }

        Assert.Equal(expected.Connections, actual.Connections);
    }

    public static void SameNode(JsonNode? expected, JsonNode? actual, string what) =>
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"The {what} differs: expected {expected?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}.");
}
