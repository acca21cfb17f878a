using Bunit;
using Portal.Web.Designer;
using Portal.Web.Designer.Canvas;

namespace Portal.Web.Tests.Designer;

/// <summary>The canvas as the designer and the instance viewer use it: every activity a node with its outcomes, read-only and marked runs.</summary>
public sealed class DesignerCanvasTests : DesignerTestContext
{
    [Fact]
    public void Every_activity_is_a_node_with_one_labelled_port_per_outcome()
    {
        var document = new DesignerDocument(ShippedDefinitions.Load("server-provisioning"));

        var canvas = Render<DesignerCanvas>(p => p.Add(c => c.Document, document).Add(c => c.Activities, Activities));

        canvas.WaitForAssertion(() => Assert.Equal(
            document.Definition.Activities.Select(a => a.Id).Order(),
            canvas.FindAll("[data-testid=activity-node]").Select(n => n.GetAttribute("data-activity")!).Order()), Patience);
        var approval = document.Definition.Activities.First(a => a.Type == "UserTask");
        var outcomes = Activities.Find("UserTask")!.Descriptor.OutcomesFor(approval);
        Assert.Equal(outcomes, canvas.FindAll($"[data-activity='{approval.Id}'] [data-testid=outcome]").Select(o => o.GetAttribute("data-outcome")!));
        Assert.Equal("false", canvas.Find("[data-testid=designer-canvas]").GetAttribute("data-read-only"));
    }

    [Fact]
    public void A_read_only_canvas_marks_completed_current_and_faulted_activities_and_shows_badges()
    {
        var document = new DesignerDocument(ShippedDefinitions.Load("server-decommission"));
        var marks = new Dictionary<string, ActivityMark>
        {
            ["start"] = ActivityMark.Completed,
            ["powerOff"] = ActivityMark.Completed,
            ["decommission"] = ActivityMark.Faulted,
            ["release"] = ActivityMark.Current,
        };

        var canvas = Render<DesignerCanvas>(p => p
            .Add(c => c.Document, document).Add(c => c.Activities, Activities).Add(c => c.ReadOnly, true)
            .Add(c => c.Marks, marks).Add(c => c.Badges, new Dictionary<string, string> { ["decommission"] = "×3" }));

        canvas.WaitForAssertion(() => Assert.Equal("faulted", Node(canvas, "decommission").GetAttribute("data-mark")), Patience);
        Assert.Equal("completed", Node(canvas, "powerOff").GetAttribute("data-mark"));
        Assert.Equal("current", Node(canvas, "release").GetAttribute("data-mark"));
        Assert.Equal("none", Node(canvas, "end").GetAttribute("data-mark"));
        Assert.Contains("mark-faulted", Node(canvas, "decommission").ClassList);
        Assert.Equal("×3", Node(canvas, "decommission").QuerySelector("[data-testid=activity-badge]")!.TextContent);
        Assert.Equal("true", canvas.Find("[data-testid=designer-canvas]").GetAttribute("data-read-only"));
    }

    [Fact]
    public void New_marks_move_the_highlight_as_a_run_steps_on()
    {
        var document = new DesignerDocument(ShippedDefinitions.Load("server-decommission"));
        var canvas = Render<DesignerCanvas>(p => p
            .Add(c => c.Document, document).Add(c => c.Activities, Activities).Add(c => c.ReadOnly, true)
            .Add(c => c.Marks, new Dictionary<string, ActivityMark> { ["start"] = ActivityMark.Current }));
        canvas.WaitForAssertion(() => Assert.Equal("current", Node(canvas, "start").GetAttribute("data-mark")), Patience);

        canvas.Render(p => p.Add(c => c.Marks, new Dictionary<string, ActivityMark> { ["start"] = ActivityMark.Completed, ["powerOff"] = ActivityMark.Current }));

        canvas.WaitForAssertion(() => Assert.Equal("current", Node(canvas, "powerOff").GetAttribute("data-mark")), Patience);
        Assert.Equal("completed", Node(canvas, "start").GetAttribute("data-mark"));
    }

    [Fact]
    public void A_read_only_canvas_refuses_deleting_and_pasting()
    {
        var document = new DesignerDocument(ShippedDefinitions.Load("server-decommission"));
        var canvas = Render<DesignerCanvas>(p => p.Add(c => c.Document, document).Add(c => c.Activities, Activities).Add(c => c.ReadOnly, true));

        canvas.InvokeAsync(() =>
        {
            canvas.Instance.Select(["powerOff"]);
            canvas.Instance.DeleteSelection();
            canvas.Instance.CopySelection();
            canvas.Instance.Paste();
        });

        Assert.False(document.IsDirty);
        Assert.Equal(5, document.Definition.Activities.Count);
    }

    private static AngleSharp.Dom.IElement Node(IRenderedComponent<DesignerCanvas> canvas, string id) =>
        canvas.Find($"[data-testid=activity-node][data-activity='{id}']");
}
