using System.Text.Json.Nodes;
using Portal.Workflows.Definitions;

namespace Portal.Workflows.Tests.Runtime;

/// <summary>Short-hand for definitions in tests: nodes with literal or expression inputs, and connections.</summary>
internal static class Flow
{
    public static WorkflowDefinition Define(
        IEnumerable<ActivityNode> activities, IEnumerable<Connection> connections,
        IEnumerable<WorkflowVariable>? variables = null, IEnumerable<WorkflowInput>? inputs = null) => new()
    {
        Id = "test-flow",
        Name = "Test flow",
        Activities = activities.ToList(),
        Connections = connections.ToList(),
        Variables = variables?.ToList() ?? [],
        Inputs = inputs?.ToList() ?? [],
    };

    public static ActivityNode Node(string id, string type, params (string Name, InputValue Value)[] inputs) =>
        new() { Id = id, Type = type, Inputs = inputs.ToDictionary(i => i.Name, i => i.Value) };

    public static (string, InputValue) Lit(string name, JsonNode? value) => (name, InputValue.Literal(value));

    public static (string, InputValue) Js(string name, string expression) => (name, InputValue.Script(expression));

    public static Connection C(string from, string to, string outcome = "Done") => new(from, outcome, to);

    public static WorkflowVariable Var(string name, JsonNode? initial = null, bool secret = false) => new() { Name = name, Default = initial, Secret = secret };
}
