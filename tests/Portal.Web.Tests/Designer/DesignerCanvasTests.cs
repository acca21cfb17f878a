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

    [Fact]
    public void The_Delete_key_deletes_the_selected_activity_as_one_undoable_edit()
    {
        var document = new DesignerDocument(ShippedDefinitions.Load("server-decommission"));
        var canvas = Render<DesignerCanvas>(p => p.Add(c => c.Document, document).Add(c => c.Activities, Activities));
        canvas.WaitForAssertion(() => Node(canvas, "powerOff"), Patience);
        canvas.InvokeAsync(() => canvas.Instance.Select(["powerOff"]));

        canvas.Find(".diagram-canvas").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Delete" });

        Assert.Null(document.Definition.Find("powerOff"));
        Assert.DoesNotContain(document.Definition.Connections, c => c.From == "powerOff" || c.To == "powerOff");
        Assert.Equal("Delete powerOff", document.UndoDescription);
    }

    [Fact]
    public void Revealing_an_activity_selects_it_highlights_it_and_moves_the_highlight_on_the_next()
    {
        var document = new DesignerDocument(ShippedDefinitions.Load("server-decommission"));
        DesignerSelection? selected = null;
        var canvas = Render<DesignerCanvas>(p => p
            .Add(c => c.Document, document).Add(c => c.Activities, Activities).Add(c => c.SelectionChanged, s => selected = s));
        canvas.WaitForAssertion(() => Node(canvas, "powerOff"), Patience);

        canvas.InvokeAsync(() => canvas.Instance.Reveal("powerOff"));
        canvas.WaitForAssertion(() => Assert.Contains("highlighted", Node(canvas, "powerOff").ClassList), Patience);
        canvas.InvokeAsync(() => canvas.Instance.Reveal("release"));

        canvas.WaitForAssertion(() => Assert.Contains("highlighted", Node(canvas, "release").ClassList), Patience);
        Assert.DoesNotContain("highlighted", Node(canvas, "powerOff").ClassList);
        Assert.Equal(["release"], selected?.ActivityIds);
    }

    [Fact]
    public void Zoom_in_and_out_change_the_zoom_by_a_step_and_fit_shows_every_activity_in_the_view()
    {
        var document = new DesignerDocument(ShippedDefinitions.Load("server-provisioning"));
        var canvas = Render<DesignerCanvas>(p => p.Add(c => c.Document, document).Add(c => c.Activities, Activities));
        canvas.WaitForAssertion(() => Assert.NotEmpty(canvas.FindAll("[data-testid=activity-node]")), Patience);
        var start = canvas.Instance.Zoom;

        canvas.InvokeAsync(() => canvas.Instance.ZoomIn());
        var zoomedIn = canvas.Instance.Zoom;
        canvas.InvokeAsync(() => { canvas.Instance.ZoomOut(); canvas.Instance.ZoomOut(); });
        var zoomedOut = canvas.Instance.Zoom;
        canvas.InvokeAsync(() => { canvas.Instance.ZoomIn(); canvas.Instance.ZoomIn(); canvas.Instance.ZoomIn(); canvas.Instance.ZoomIn(); });
        var close = canvas.Instance.Zoom;
        canvas.InvokeAsync(() => canvas.Instance.FitToScreen());

        Assert.Equal((Math.Round(start * 1.2, 6), Math.Round(start / 1.2, 6)), (Math.Round(zoomedIn, 6), Math.Round(zoomedOut, 6)));
        Assert.True(close > 1 && canvas.Instance.Zoom <= 1 && canvas.Instance.Zoom < close,
            $"Fit should bring a close-up ({close:0.###}) back to the whole flow, never past 100 %; got {canvas.Instance.Zoom:0.###}");
    }

    [Fact]
    public void The_minimap_is_shown_and_hidden_on_request()
    {
        var document = new DesignerDocument(ShippedDefinitions.Load("server-decommission"));
        var canvas = Render<DesignerCanvas>(p => p.Add(c => c.Document, document).Add(c => c.Activities, Activities));
        canvas.WaitForAssertion(() => Node(canvas, "powerOff"), Patience);
        var before = canvas.FindAll("[data-testid=minimap]").Count;

        canvas.InvokeAsync(() => canvas.Instance.ShowNavigator = true);
        canvas.WaitForAssertion(() => Assert.Single(canvas.FindAll("[data-testid=minimap]")), Patience);
        canvas.InvokeAsync(() => canvas.Instance.ShowNavigator = false);

        canvas.WaitForAssertion(() => Assert.Empty(canvas.FindAll("[data-testid=minimap]")), Patience);
        Assert.Equal(0, before);
    }

    private static AngleSharp.Dom.IElement Node(IRenderedComponent<DesignerCanvas> canvas, string id) =>
        canvas.Find($"[data-testid=activity-node][data-activity='{id}']");
}
