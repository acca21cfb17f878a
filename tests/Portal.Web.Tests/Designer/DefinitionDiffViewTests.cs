using System.Text.Json.Nodes;
using Bunit;
using Portal.Web.Designer;
using Portal.Web.Designer.History;
using Portal.Workflows.Definitions;

namespace Portal.Web.Tests.Designer;

/// <summary>The side-by-side comparison of two versions: what was added, removed and changed, on both canvases and in the lists.</summary>
public sealed class DefinitionDiffViewTests : DesignerTestContext
{
    [Fact]
    public void Added_removed_and_changed_activities_and_connections_are_listed_and_marked_on_each_side()
    {
        var before = ShippedDefinitions.Load("server-decommission");
        var edited = new DesignerDocument(before);
        var delay = edited.AddActivity(Activities.Find("Delay")!.Descriptor, new Position(300, 300));
        edited.SetInput(delay, "duration", InputValue.Literal(JsonValue.Create("00:00:30")));
        edited.Disconnect(new Connection("powerOff", "Done", "decommission"));
        edited.Connect(new Connection("powerOff", "Done", delay));
        edited.Connect(new Connection(delay, "Done", "decommission"));
        edited.Rename("release", "Give the hardware back");
        edited.Delete(["end"], []);
        var after = edited.Definition;

        var view = Render<DefinitionDiffView>(p => p
            .Add(c => c.Before, before).Add(c => c.After, after).Add(c => c.Activities, Activities)
            .Add(c => c.BeforeLabel, "Version 1").Add(c => c.AfterLabel, "Draft"));

        Assert.Equal([delay], Items(view, "diff-added-activities").Select(i => i.GetAttribute("data-activity")));
        Assert.Equal(["end"], Items(view, "diff-removed-activities").Select(i => i.GetAttribute("data-activity")));
        var changed = Assert.Single(Items(view, "diff-changed-activities"));
        Assert.Equal("release", changed.GetAttribute("data-activity"));
        Assert.Contains("name", changed.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["powerOff (Done) → delay", "delay (Done) → decommission"],
            Items(view, "diff-added-connections").Select(i => i.TextContent.Trim()));
        Assert.Equal(
            ["powerOff (Done) → decommission", "release (Done) → end"],
            Items(view, "diff-removed-connections").Select(i => i.TextContent.Trim()));

        view.WaitForAssertion(() => Assert.Equal("added", Mark(view, "diff-after", delay)), Patience);
        Assert.Equal("removed", Mark(view, "diff-before", "end"));
        Assert.Equal("changed", Mark(view, "diff-before", "release"));
        Assert.Equal("changed", Mark(view, "diff-after", "release"));
        Assert.Equal("none", Mark(view, "diff-after", "powerOff"));
        Assert.Empty(view.FindAll($"[data-testid=diff-before] [data-activity='{delay}']"));
        Assert.All(view.FindAll("[data-testid=designer-canvas]"), c => Assert.Equal("true", c.GetAttribute("data-read-only")));
    }

    [Fact]
    public void Two_equal_versions_say_so()
    {
        var definition = ShippedDefinitions.Load("server-provisioning");

        var view = Render<DefinitionDiffView>(p => p
            .Add(c => c.Before, definition).Add(c => c.After, definition with { }).Add(c => c.Activities, Activities)
            .Add(c => c.BeforeLabel, "Version 1").Add(c => c.AfterLabel, "Version 2"));

        Assert.Contains("Version 2 is the same as Version 1", view.Find("[data-testid=diff-none]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_activity_that_only_moved_is_listed_as_moved_and_not_marked_as_changed()
    {
        var before = ShippedDefinitions.Load("server-decommission");
        var edited = new DesignerDocument(before);
        edited.Move(new Dictionary<string, Position> { ["release"] = new(520, 300) });

        var view = Render<DefinitionDiffView>(p => p
            .Add(c => c.Before, before).Add(c => c.After, edited.Definition).Add(c => c.Activities, Activities));

        Assert.Contains("moved only", Assert.Single(Items(view, "diff-changed-activities")).TextContent, StringComparison.Ordinal);
        view.WaitForAssertion(() => Assert.Equal("none", Mark(view, "diff-after", "release")), Patience);
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Items(IRenderedComponent<DefinitionDiffView> view, string list) =>
        view.FindAll($"[data-testid={list}] [data-testid=diff-item]");

    private static string? Mark(IRenderedComponent<DefinitionDiffView> view, string side, string activity) =>
        view.Find($"[data-testid={side}] [data-testid=activity-node][data-activity='{activity}']").GetAttribute("data-mark");
}
