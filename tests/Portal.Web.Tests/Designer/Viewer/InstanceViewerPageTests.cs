using System.Net;
using Blazor.Diagrams.Core.Geometry;
using Bunit;
using MudBlazor;
using Portal.Web.Designer.Viewer;
using Portal.Web.Tests.Workflows;
using Portal.Workflows.Runtime;

namespace Portal.Web.Tests.Designer.Viewer;

/// <summary>The instance viewer over the real portal: instances run by its engine and worker, read from its database.</summary>
public sealed class InstanceViewerPageTests : WorkflowPagesTestContext, IClassFixture<WorkflowPortal>
{
    public InstanceViewerPageTests(WorkflowPortal portal) : base(portal)
    {
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 1200, 800));
    }

    [Fact]
    public async Task Every_activity_of_a_completed_instance_is_marked_completed_and_the_connections_it_took_are_drawn_solid()
    {
        SignInAsAdmin();
        var id = UniqueId("viewer-done");
        await Portal.PublishAsync(WorkflowPortal.Completing(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Completed);

        var page = RenderViewer(instance);

        Assert.Equal(
            [("start", "Completed"), ("note", "Completed"), ("end", "Completed")],
            page.FindAll("[data-testid=viewer-node]").Select(n => (n.GetAttribute("data-activity"), n.GetAttribute("data-mark"))));
        Assert.Equal(2, page.FindAll($"path[stroke='{ViewerCanvas.TakenColor}']").Count(p => p.GetAttribute("stroke-width") == "3"));
        Assert.Empty(page.FindAll("[data-testid=refreshing]"));
    }

    [Fact]
    public async Task The_activity_an_instance_waits_on_is_highlighted_with_its_bookmark_and_what_follows_is_not_run()
    {
        SignInAsAdmin();
        var id = UniqueId("viewer-wait");
        await Portal.PublishAsync(WorkflowPortal.Waiting(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Suspended);

        var page = RenderViewer(instance);

        Assert.Equal("Waiting", MarkOf(page, "wait"));
        Assert.Contains("go", page.Find("[data-activity=wait] [data-testid=node-bookmark]").TextContent, StringComparison.Ordinal);
        Assert.Equal("NotRun", MarkOf(page, "end"));
        Assert.Equal("wait", page.Find("[data-testid=attention]").GetAttribute("data-activity"));
    }

    [Fact]
    public async Task A_faulted_activity_is_drawn_red_with_its_incident_and_its_panel_names_the_error()
    {
        SignInAsAdmin();
        var id = UniqueId("viewer-fault");
        await Portal.PublishAsync(WorkflowPortal.Failing(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Faulted);

        var page = RenderViewer(instance);

        Assert.Equal("Faulted", MarkOf(page, "bad"));
        Assert.Contains("input 'value'", page.Find("[data-activity=bad] [data-testid=node-incident]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Broken step", page.Find("[data-testid=viewer-fault]").TextContent, StringComparison.Ordinal);

        ClickNode(page, "bad");

        var panel = page.WaitForElement("[data-testid=journal-panel]", Patience);
        Assert.Equal("bad", panel.GetAttribute("data-activity"));
        Assert.Equal("false", page.Find("[data-testid=panel-incident]").GetAttribute("data-resolved"));
        Assert.Equal("Faulted", page.Find("[data-testid=journal-step]").GetAttribute("data-event"));
        Assert.Contains("input 'value'", page.Find("[data-testid=step-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clicking_an_activity_shows_its_journal_as_fields_with_secret_inputs_masked()
    {
        SignInAsAdmin();
        var id = UniqueId("viewer-secret");
        await Portal.PublishAsync(WorkflowPortal.Definition(id,
            """{ "id": "start", "type": "Start" }, { "id": "log", "type": "Log", "name": "Call the API", "inputs": { "message": { "expression": "'calling with ' + input.apiToken" }, "level": { "value": "Information" } } }, { "id": "end", "type": "End" }""",
            """{ "from": "start", "outcome": "Done", "to": "log" }, { "from": "log", "outcome": "Done", "to": "end" }"""));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Completed, apiToken: "tok-4711-very-secret");
        var page = RenderViewer(instance);

        ClickNode(page, "log");

        page.WaitForElement("[data-testid=journal-panel]", Patience);
        Assert.DoesNotContain("tok-4711-very-secret", page.Markup, StringComparison.Ordinal);
        var step = page.Find("[data-testid=journal-step]");
        Assert.Equal("Completed", step.GetAttribute("data-event"));
        Assert.Contains("Done", step.QuerySelector("[data-testid=step-outcome]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(step.QuerySelector("[data-testid=field][data-name=message] [data-testid=masked]"));
        Assert.Equal("Information", step.QuerySelector("[data-testid=field][data-name=level] [data-testid=field-value]")!.TextContent.Trim());
        Assert.DoesNotContain("{", step.QuerySelector("[data-testid=step-inputs]")!.TextContent, StringComparison.Ordinal);
        Assert.Matches(@"\d+(\.\d)? (ms|s)", step.QuerySelector("[data-testid=step-duration]")!.TextContent);
    }

    [Fact]
    public async Task A_running_instance_steps_on_on_the_canvas_by_itself_when_it_is_resumed()
    {
        SignInAsAdmin();
        var id = UniqueId("viewer-live");
        await Portal.PublishAsync(WorkflowPortal.Waiting(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Suspended);
        var page = RenderViewer(instance, refreshEvery: TimeSpan.FromMilliseconds(200));
        Assert.Equal("NotRun", MarkOf(page, "end"));

        await Portal.ResumeAsync(instance);

        page.WaitForAssertion(() => Assert.Equal("Completed", MarkOf(page, "end")), Patience);
        Assert.Equal("Completed", MarkOf(page, "wait"));
        Assert.Equal("Completed", page.Find("[data-testid=instance-viewer]").GetAttribute("data-status"));
    }

    [Fact]
    public async Task An_instance_is_drawn_on_the_version_it_runs_on_not_the_latest()
    {
        SignInAsAdmin();
        var id = UniqueId("viewer-version");
        await Portal.PublishAsync(WorkflowPortal.Waiting(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Suspended);
        await Portal.PublishAsync(WorkflowPortal.Completing(id));

        var page = RenderViewer(instance);

        Assert.Contains("version 1", page.Find("[data-testid=viewer-version]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["start", "wait", "end"], page.FindAll("[data-testid=viewer-node]").Select(n => n.GetAttribute("data-activity")));
    }

    [Fact]
    public async Task The_instance_page_links_to_the_diagram()
    {
        SignInAsAdmin();
        var id = UniqueId("viewer-link");
        await Portal.PublishAsync(WorkflowPortal.Completing(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Completed);
        Render<MudPopoverProvider>();

        var page = Render<Portal.Web.Workflows.Pages.WorkflowInstancePage>(p => p.Add(x => x.Id, instance).Add(x => x.RefreshInterval, TimeSpan.FromMinutes(10)));

        page.WaitForAssertion(() => Assert.Equal($"/admin/workflows/instances/{instance}/diagram", page.Find("[data-testid=diagram-link]").GetAttribute("href")), Patience);
    }

    [Fact]
    public void An_unknown_instance_says_so()
    {
        SignInAsAdmin();

        var page = Render<InstanceViewerPage>(p => p.Add(x => x.Id, "no-such-instance"));

        page.WaitForAssertion(() => Assert.Contains("There is no workflow instance", page.Find("[data-testid=viewer-not-found]").TextContent, StringComparison.Ordinal), Patience);
    }

    [Theory]
    [InlineData("requester@portal.local")]
    [InlineData("approver@portal.local")]
    public async Task Only_an_admin_may_open_the_viewer(string email)
    {
        var id = UniqueId("viewer-auth");
        await Portal.PublishAsync(WorkflowPortal.Completing(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Completed);
        using var client = Portal.Factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(client, email);

        using var response = await client.GetAsync($"/admin/workflows/instances/{instance}/diagram", Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_opens_the_viewer()
    {
        var id = UniqueId("viewer-admin");
        await Portal.PublishAsync(WorkflowPortal.Completing(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Completed);
        using var client = Portal.Factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(client, "admin@portal.local");

        using var response = await client.GetAsync($"/admin/workflows/instances/{instance}/diagram", Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"instance-viewer\"", await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static string? MarkOf(IRenderedComponent<InstanceViewerPage> page, string activityId) =>
        page.Find($"[data-testid=viewer-node][data-activity={activityId}]").GetAttribute("data-mark");

    /// <summary>A click as the diagram sees it: a pointer down and up on the node's element.</summary>
    private static void ClickNode(IRenderedComponent<InstanceViewerPage> page, string activityId)
    {
        var node = page.Find($"[data-testid=viewer-node][data-activity={activityId}]").Closest(".diagram-node")!;
        node.PointerDown(new Microsoft.AspNetCore.Components.Web.PointerEventArgs { Button = 0, ClientX = 10, ClientY = 10 });
        page.Find($"[data-testid=viewer-node][data-activity={activityId}]").Closest(".diagram-node")!
            .PointerUp(new Microsoft.AspNetCore.Components.Web.PointerEventArgs { Button = 0, ClientX = 10, ClientY = 10 });
    }

    private IRenderedComponent<InstanceViewerPage> RenderViewer(string instanceId, TimeSpan? refreshEvery = null)
    {
        Render<MudPopoverProvider>();
        var page = Render<InstanceViewerPage>(p => p
            .Add(x => x.Id, instanceId)
            .Add(x => x.RefreshInterval, refreshEvery ?? TimeSpan.FromMinutes(10)));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=viewer-node]")), Patience);
        return page;
    }
}
