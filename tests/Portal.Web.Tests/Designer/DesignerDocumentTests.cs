using Portal.Web.Designer;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;

namespace Portal.Web.Tests.Designer;

public sealed class DesignerDocumentTests
{
    private static readonly ActivityDescriptor Delay = ActivityRegistry.BuiltIn().Find("Delay")!.Descriptor;

    [Fact]
    public void A_move_its_undo_and_its_redo_are_changes_of_positions_only_and_other_edits_are_not()
    {
        var document = new DesignerDocument(ShippedDefinitions.Load("server-decommission"));
        var seen = new List<bool>();
        document.Changed += () => seen.Add(document.LastChangeMovedOnly);

        document.Move(new Dictionary<string, Position> { ["powerOff"] = new(900, 900) });
        document.Undo();
        document.Redo();
        document.Rename("powerOff", "Power off now");
        document.AutoLayout();
        document.Connect(new Connection("powerOff", ActivityDescriptor.Done, "end"));
        document.Undo();

        Assert.Equal([true, true, true, false, true, false, false], seen);
        Assert.True(document.IsDirty);
    }

    [Theory]
    [MemberData(nameof(ShippedDefinitions.Names), MemberType = typeof(ShippedDefinitions))]
    public void Validation_reads_no_position_so_a_move_cannot_change_its_result(string name)
    {
        // The designer skips revalidation after a pure move; this is what makes that safe. A definition with
        // problems too (an unknown type, a dangling connection), so that there are errors to compare.
        var validator = new DefinitionValidator(Activities, new Portal.Workflows.Expressions.JintExpressionEvaluator());
        var loaded = ShippedDefinitions.Load(name);
        var broken = loaded with
        {
            Activities = [.. loaded.Activities, new ActivityNode { Id = "stray", Type = "NoSuchType" }],
            Connections = [.. loaded.Connections, new Connection("stray", "Done", "nowhere")],
        };

        foreach (var definition in new[] { loaded, broken })
        {
            var moved = definition with { Activities = [.. definition.Activities.Select((a, i) => a with { Position = new Position(i * 7, -i) })] };
            var unplaced = definition with { Activities = [.. definition.Activities.Select(a => a with { Position = null })] };

            var expected = validator.Validate(definition);
            Assert.Equal(expected, validator.Validate(moved));
            Assert.Equal(expected, validator.Validate(unplaced));
        }
    }

    private static ActivityRegistry Activities { get; } = ActivityRegistry.BuiltIn();

    [Fact]
    public void A_version_opened_read_only_refuses_every_edit()
    {
        var loaded = ShippedDefinitions.Load("server-decommission");
        var document = new DesignerDocument(loaded, isReadOnly: true);

        document.AddActivity(Delay, new Position(10, 10));
        document.Rename("powerOff", "changed");
        document.Delete(["end"], []);
        document.AutoLayout();

        Assert.Same(loaded, document.Definition);
        Assert.False(document.IsDirty);
        Assert.False(document.CanUndo);
    }

    [Fact]
    public void Auto_layout_places_every_activity_left_to_right_in_one_undoable_step()
    {
        var loaded = ShippedDefinitions.Load("server-decommission");
        var scrambled = loaded with { Activities = [.. loaded.Activities.Select(a => a with { Position = new Position(0, 0) })] };
        var document = new DesignerDocument(scrambled);

        Assert.True(document.AutoLayout());

        var x = document.Definition.Activities.ToDictionary(a => a.Id, a => a.Position!.X);
        Assert.All(document.Definition.Connections, c => Assert.True(x[c.From] < x[c.To], $"{c.From} is not left of {c.To}"));
        Assert.Equal("Auto-layout", document.UndoDescription);
        document.Undo();
        Assert.Same(scrambled, document.Definition);
    }

    [Fact]
    public void A_definition_without_positions_is_drawn_laid_out_without_changing_it()
    {
        var loaded = ShippedDefinitions.Load("server-decommission");
        var unplaced = loaded with { Activities = [.. loaded.Activities.Select(a => a with { Position = null })] };

        var document = new DesignerDocument(unplaced);

        var drawn = unplaced.Activities.Select(document.PositionOf).ToList();
        Assert.Equal(drawn.Count, drawn.Distinct().Count());
        Assert.False(document.IsDirty);
        Assert.All(document.Definition.Activities, a => Assert.Null(a.Position));
    }
}
