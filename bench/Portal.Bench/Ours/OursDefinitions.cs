using System.Text.Json.Nodes;
using Portal.Workflows.Definitions;

namespace Portal.Bench.Ours;

/// <summary>The benchmark flows as portal workflow definitions.</summary>
public static class OursDefinitions
{
    /// <summary>Start + 9 SetVariable: 10 activities in a row. Literal values, or one expression per step.</summary>
    public static WorkflowDefinition Sequence(bool expressions)
    {
        var steps = Enumerable.Range(1, 9).Select(i => SetV($"s{i}", expressions)).ToList();
        return new WorkflowDefinition
        {
            Id = expressions ? "bench-sequence-expr" : "bench-sequence",
            Name = "Bench sequence",
            Variables = [new WorkflowVariable { Name = "v", Default = 0 }],
            Activities = [Node("start", "Start"), .. steps],
            Connections = [.. Chain(["start", .. steps.Select(s => s.Id)])],
        };
    }

    /// <summary>Start → Fork → 4 SetVariable branches → Join → SetVariable.</summary>
    public static WorkflowDefinition Parallel()
    {
        string[] branches = ["b1", "b2", "b3", "b4"];
        return new WorkflowDefinition
        {
            Id = "bench-parallel",
            Name = "Bench parallel",
            Variables = [new WorkflowVariable { Name = "v", Default = 0 }],
            Activities = [Node("start", "Start"), Node("fork", "Fork"), .. branches.Select(b => SetV(b, false)), Node("join", "Join"), SetV("after", false)],
            Connections =
            [
                new("start", Done, "fork"),
                .. branches.Select(b => new Connection("fork", Done, b)),
                .. branches.Select(b => new Connection(b, Done, "join")),
                new("join", Done, "after"),
            ],
        };
    }

    /// <summary>Start → WaitForSignal "go" → SetVariable: resumed by the signal and the instance's correlation id.</summary>
    public static WorkflowDefinition Resume() => new()
    {
        Id = "bench-resume",
        Name = "Bench resume",
        Variables = [new WorkflowVariable { Name = "v", Default = 0 }],
        Activities = [Node("start", "Start"), Node("wait", "WaitForSignal", ("signal", InputValue.Literal(SignalName))), SetV("after", false)],
        Connections = [.. Chain(["start", "wait", "after"])],
    };

    /// <summary>Start → 5 side-effecting activities in a row: each one a work item the worker claims, leases, runs and commits.</summary>
    public static WorkflowDefinition Effects()
    {
        var effects = Enumerable.Range(1, 5).Select(i => Node($"e{i}", BenchEffectActivity.TypeName)).ToList();
        return new WorkflowDefinition
        {
            Id = "bench-effects",
            Name = "Bench side effects",
            Activities = [Node("start", "Start"), .. effects],
            Connections = [.. Chain(["start", .. effects.Select(e => e.Id)])],
        };
    }

    public const string SignalName = "go";

    /// <summary>The definition id a scenario starts.</summary>
    public static string IdOf(string scenario) => scenario switch
    {
        "sequence" => "bench-sequence",
        "parallel" => "bench-parallel",
        "effects" => "bench-effects",
        _ => "bench-resume",
    };

    public static IEnumerable<WorkflowDefinition> All() => [Sequence(expressions: false), Parallel(), Effects(), Resume()];

    private const string Done = "Done";

    private static ActivityNode SetV(string id, bool expression) =>
        Node(id, "SetVariable", ("variable", InputValue.Literal("v")), ("value", expression ? InputValue.Script("variables.v + 1") : InputValue.Literal(1)));

    private static ActivityNode Node(string id, string type, params (string Name, InputValue Value)[] inputs) =>
        new() { Id = id, Type = type, Inputs = inputs.ToDictionary(i => i.Name, i => i.Value) };

    private static IEnumerable<Connection> Chain(IReadOnlyList<string> ids) =>
        ids.Zip(ids.Skip(1), (from, to) => new Connection(from, Done, to));
}
