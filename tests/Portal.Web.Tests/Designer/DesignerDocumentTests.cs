using Portal.Web.Designer;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;

namespace Portal.Web.Tests.Designer;

public sealed class DesignerDocumentTests
{
    private static readonly ActivityDescriptor Delay = ActivityRegistry.BuiltIn().Find("Delay")!.Descriptor;

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
