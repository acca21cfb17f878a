using Portal.Workflows.Definitions;
using Portal.Workflows.Layout;
using Portal.Workflows.Tests.Definitions;
using static Portal.Workflows.Tests.Runtime.Flow;

namespace Portal.Workflows.Tests.Layout;

public sealed class FlowchartLayoutTests
{
    private static readonly FlowchartLayoutOptions Options = new();

    public static TheoryData<string> ShippedDefinitions => new(
        Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "workflows"), "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    private static WorkflowDefinition Shipped(string file) =>
        WorkflowDefinitionJson.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "workflows", file))).Value;

    /// <summary>Start → decide → (approve | reject) → join → retry loop back to decide → end.</summary>
    private static readonly WorkflowDefinition Branching = Define(
        [Node("start", "Start"), Node("decide", "Decision"), Node("approve", "Log"), Node("reject", "Log"), Node("join", "Join"), Node("check", "Decision"), Node("end", "End")],
        [C("start", "decide"), C("decide", "approve", "True"), C("decide", "reject", "False"), C("approve", "join"), C("reject", "join"), C("join", "check"),
         C("check", "decide", "False"), C("check", "end", "True")]);

    [Fact]
    public void A_chain_runs_left_to_right_on_one_line()
    {
        var chain = Define([Node("start", "Start"), Node("a", "Log"), Node("b", "Log"), Node("end", "End")], [C("start", "a"), C("a", "b"), C("b", "end")]);

        var positions = FlowchartLayout.Arrange(chain, Options);

        Assert.Equal(["start", "a", "b", "end"], positions.OrderBy(p => p.Value.X).Select(p => p.Key));
        Assert.Single(positions.Values.Select(p => p.Y).Distinct());
        Assert.All(chain.Connections, c => Assert.True(positions[c.To].X - positions[c.From].X >= Options.NodeWidth + Options.LayerGap - 1));
        Assert.Equal(Options.Margin, positions.Values.Min(p => p.X));
        Assert.Equal(Options.Margin, positions.Values.Min(p => p.Y));
    }

    [Fact]
    public void Branches_share_a_layer_without_overlapping_and_only_the_loop_goes_back()
    {
        var positions = FlowchartLayout.Arrange(Branching, Options);

        AssertNoOverlaps(positions);
        Assert.Equal(positions["approve"].X, positions["reject"].X);
        var backwards = Branching.Connections.Where(c => positions[c.To].X <= positions[c.From].X).ToList();
        Assert.Equal([C("check", "decide", "False")], backwards);
    }

    [Theory]
    [MemberData(nameof(ShippedDefinitions))]
    public void Every_shipped_definition_is_laid_out_without_overlaps_and_forward_except_loops(string file)
    {
        var definition = Shipped(file);

        var positions = FlowchartLayout.Arrange(definition, Options);

        Assert.Equal(definition.Activities.Select(a => a.Id).Order(StringComparer.Ordinal), positions.Keys.Order(StringComparer.Ordinal));
        AssertNoOverlaps(positions);
        foreach (var connection in definition.Connections.Where(c => positions[c.To].X <= positions[c.From].X))
        {
            Assert.True(Reaches(definition, connection.To, connection.From), $"{connection} goes right to left but closes no loop");
        }
    }

    [Fact]
    public void A_definition_with_positions_is_left_as_it_is_and_one_without_gets_them_all()
    {
        var placed = Branching with { Activities = [.. Branching.Activities.Select((a, i) => a with { Position = new Position(i, i) })] };
        Assert.Same(placed, FlowchartLayout.ArrangeIfNeeded(placed));

        var arranged = FlowchartLayout.ArrangeIfNeeded(Branching);

        Assert.False(FlowchartLayout.NeedsLayout(arranged));
        Assert.Equal(Branching.Connections, arranged.Connections);
    }

    [Fact]
    public void Two_hundred_activities_in_parallel_branches_do_not_overlap()
    {
        var activities = new List<ActivityNode> { Node("start", "Start"), Node("fork", "Fork"), Node("join", "Join"), Node("end", "End") };
        var connections = new List<Connection> { C("start", "fork"), C("join", "end") };
        for (var branch = 0; branch < 14; branch++)
        {
            for (var step = 0; step < 14; step++)
            {
                activities.Add(Node($"b{branch}s{step}", "Log"));
                connections.Add(step == 0 ? C("fork", $"b{branch}s0") : C($"b{branch}s{step - 1}", $"b{branch}s{step}"));
            }

            connections.Add(C($"b{branch}s13", "join"));
        }

        var definition = Define(activities, connections);
        var positions = FlowchartLayout.Arrange(definition, Options);

        Assert.Equal(200, positions.Count);
        AssertNoOverlaps(positions);
        Assert.All(connections, c => Assert.True(positions[c.To].X > positions[c.From].X, c.ToString()));
    }

    private static void AssertNoOverlaps(IReadOnlyDictionary<string, Position> positions)
    {
        var boxes = positions.ToList();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i].Value, boxes[j].Value);
                var apart = Math.Abs(a.X - b.X) >= Options.NodeWidth || Math.Abs(a.Y - b.Y) >= Options.NodeHeight;
                Assert.True(apart, $"{boxes[i].Key} at {a} overlaps {boxes[j].Key} at {b}");
            }
        }
    }

    private static bool Reaches(WorkflowDefinition definition, string from, string to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var current))
        {
            if (current == to)
            {
                return true;
            }

            foreach (var next in definition.Connections.Where(c => c.From == current).Select(c => c.To))
            {
                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return false;
    }
}
