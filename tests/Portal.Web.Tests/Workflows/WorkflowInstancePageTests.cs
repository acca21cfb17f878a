using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Web.Workflows;
using Portal.Web.Workflows.Pages;
using Portal.Workflows.Runtime;

namespace Portal.Web.Tests.Workflows;

public sealed class WorkflowInstancePageTests(WorkflowPortal portal) : WorkflowPagesTestContext(portal), IClassFixture<WorkflowPortal>
{
    [Fact]
    public async Task The_journal_lists_every_step_in_the_order_it_ran()
    {
        SignInAsAdmin();
        var id = UniqueId("journal");
        await Portal.PublishAsync(WorkflowPortal.Completing(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Completed);

        var page = RenderInstance(instance);

        var entries = page.FindAll("[data-testid=journal-entry]");
        Assert.Equal(["start", "note", "end"], entries.Select(e => e.GetAttribute("data-activity")));
        Assert.All(entries, e => Assert.Equal("Completed", e.GetAttribute("data-event")));
        Assert.Contains("Note the request", entries[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("request r-1", page.Find("[data-testid=variables-note] [data-testid=value]").TextContent.Trim());
    }

    [Fact]
    public async Task A_secret_input_shows_only_the_mask_in_the_inputs_and_the_journal()
    {
        SignInAsAdmin();
        var id = UniqueId("secret");
        await Portal.PublishAsync(WorkflowPortal.Definition(id,
            """{ "id": "start", "type": "Start" }, { "id": "log", "type": "Log", "inputs": { "message": { "expression": "'calling with ' + input.apiToken" } } }, { "id": "end", "type": "End" }""",
            """{ "from": "start", "outcome": "Done", "to": "log" }, { "from": "log", "outcome": "Done", "to": "end" }"""));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Completed, apiToken: "tok-4711-very-secret");

        var page = RenderInstance(instance);

        Assert.DoesNotContain("tok-4711-very-secret", page.Markup, StringComparison.Ordinal);
        Assert.Contains(InstanceView.Mask, page.Find("[data-testid=inputs-apiToken]").TextContent, StringComparison.Ordinal);
        Assert.Equal("r-1", page.Find("[data-testid=inputs-requestId] [data-testid=value]").TextContent.Trim());
        Assert.Contains(InstanceView.Mask, page.Find("[data-activity=log] [data-testid=journal-inputs]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_faulted_instance_shows_its_fault_and_offers_retry_and_skip()
    {
        SignInAsAdmin();
        var id = UniqueId("faulted");
        await Portal.PublishAsync(WorkflowPortal.Failing(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Faulted);

        var page = RenderInstance(instance);

        Assert.Contains("Broken step", page.Find("[data-testid=fault]").TextContent, StringComparison.Ordinal);
        Assert.Contains("input 'value'", page.Find("[data-testid=fault-message]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid=retry]"));
        Assert.NotEmpty(page.FindAll("[data-testid=skip]"));
        Assert.Equal("false", page.Find("[data-testid=incident]").GetAttribute("data-resolved"));
    }

    [Fact]
    public async Task A_completed_instance_offers_no_action()
    {
        SignInAsAdmin();
        var id = UniqueId("finished");
        await Portal.PublishAsync(WorkflowPortal.Completing(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Completed);

        var page = RenderInstance(instance);

        Assert.Empty(page.FindAll("[data-testid=retry], [data-testid=skip], [data-testid=cancel], [data-testid=fault]"));
    }

    [Fact]
    public async Task A_suspended_instance_can_be_cancelled_but_not_retried_or_skipped()
    {
        SignInAsAdmin();
        var id = UniqueId("suspended");
        await Portal.PublishAsync(WorkflowPortal.Waiting(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Suspended);

        var page = RenderInstance(instance);

        Assert.Empty(page.FindAll("[data-testid=retry], [data-testid=skip]"));
        Assert.NotEmpty(page.FindAll("[data-testid=cancel]"));
        Assert.Equal("go", page.Find("[data-testid=bookmark] code").TextContent.Trim());
    }

    [Fact]
    public async Task Skipping_the_failed_activity_with_done_completes_the_instance()
    {
        SignInAsAdmin();
        var id = UniqueId("skipped");
        await Portal.PublishAsync(WorkflowPortal.Failing(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Faulted);
        var page = RenderInstance(instance);
        Assert.Equal("Done", page.Find("[data-testid=skip-outcome]").TextContent.Trim());

        page.Find("[data-testid=skip]").Click();

        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find("[data-testid=status]").GetAttribute("data-status")), Patience);
        Assert.Equal(WorkflowStatus.Completed, (await Portal.FindAsync(instance))!.Status);
        Assert.Contains(page.FindAll("[data-testid=journal-entry]"), e => e.GetAttribute("data-activity") == "bad" && e.GetAttribute("data-event") == "Skipped");
        Assert.Empty(page.FindAll("[data-testid=retry], [data-testid=skip]"));
    }

    [Fact]
    public async Task Retrying_an_activity_that_fails_again_keeps_the_instance_faulted_with_a_second_incident()
    {
        SignInAsAdmin();
        var id = UniqueId("retried");
        await Portal.PublishAsync(WorkflowPortal.Failing(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Faulted);
        var page = RenderInstance(instance);

        page.Find("[data-testid=retry]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=incident]").Count), Patience);
        Assert.Equal("Faulted", page.Find("[data-testid=status]").GetAttribute("data-status"));
        Assert.Equal(["true", "false"], page.FindAll("[data-testid=incident]").Select(i => i.GetAttribute("data-resolved")));
    }

    [Fact]
    public async Task Cancelling_a_suspended_instance_asks_first_and_then_cancels_it()
    {
        SignInAsAdmin();
        var id = UniqueId("cancelled");
        await Portal.PublishAsync(WorkflowPortal.Waiting(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Suspended);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderInstance(instance);

        page.Find("[data-testid=cancel]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("cannot be resumed", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal), Patience);
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel instance").Click();

        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find("[data-testid=status]").GetAttribute("data-status")), Patience);
        Assert.Equal(WorkflowStatus.Cancelled, (await Portal.FindAsync(instance))!.Status);
        Assert.Empty(page.FindAll("[data-testid=cancel]"));
    }

    [Fact]
    public async Task An_action_the_engine_refuses_is_explained_on_the_page()
    {
        SignInAsAdmin();
        var id = UniqueId("raced");
        await Portal.PublishAsync(WorkflowPortal.Failing(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Faulted);
        var page = RenderInstance(instance);

        // Another admin skips it while this page still offers Retry.
        await Portal.WithScopeAsync(services => services.GetRequiredService<Portal.Workflows.Hosting.WorkflowEngine>()
            .SkipAsync(instance, "Done", Xunit.TestContext.Current.CancellationToken));
        page.Find("[data-testid=retry]").Click();

        page.WaitForAssertion(() => Assert.Contains(
            "Only a faulted instance can be retried.", page.Find("[data-testid=action-errors]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal("Completed", page.Find("[data-testid=status]").GetAttribute("data-status"));
    }

    [Fact]
    public async Task A_waiting_instance_moves_on_the_page_by_itself_when_it_is_resumed()
    {
        SignInAsAdmin();
        var id = UniqueId("live");
        await Portal.PublishAsync(WorkflowPortal.Waiting(id));
        var instance = await Portal.StartAsync(id, WorkflowStatus.Suspended);
        var page = RenderInstance(instance, refreshEvery: TimeSpan.FromMilliseconds(200));

        await Portal.ResumeAsync(instance);

        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find("[data-testid=status]").GetAttribute("data-status")), Patience);
        Assert.Equal(["start", "wait", "wait", "end"], page.FindAll("[data-testid=journal-entry]").Select(e => e.GetAttribute("data-activity")));
    }

    [Fact]
    public void An_unknown_id_says_so_and_links_back_to_the_list()
    {
        SignInAsAdmin();

        var page = Render<WorkflowInstancePage>(p => p.Add(x => x.Id, "no-such-instance"));

        page.WaitForAssertion(() => Assert.Contains("There is no workflow instance", page.Find("[data-testid=instance-not-found]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href") == "/admin/workflows/instances");
    }

    private IRenderedComponent<WorkflowInstancePage> RenderInstance(string instanceId, TimeSpan? refreshEvery = null)
    {
        Render<MudPopoverProvider>();
        var page = Render<WorkflowInstancePage>(p => p
            .Add(x => x.Id, instanceId)
            .Add(x => x.RefreshInterval, refreshEvery ?? TimeSpan.FromMinutes(10)));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=instance-title]")), Patience);
        return page;
    }

    [Fact]
    public async Task A_parent_links_to_the_child_it_ran()
    {
        SignInAsAdmin();
        var (parent, child) = await ParentAndChildAsync();

        var page = RenderInstance(parent);

        Assert.EndsWith(child, page.Find("[data-testid=child-link]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("Run the child", page.Find("[data-testid=instance-facts]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_links_back_to_its_parent()
    {
        SignInAsAdmin();
        var (parent, child) = await ParentAndChildAsync();

        var page = RenderInstance(child);

        Assert.EndsWith(parent, page.Find("[data-testid=parent-link]").GetAttribute("href"), StringComparison.Ordinal);
    }

    /// <summary>A parent whose RunWorkflow ran a completing child to its end; returns both instance ids.</summary>
    private async Task<(string Parent, string Child)> ParentAndChildAsync()
    {
        var child = UniqueId("child");
        var parent = UniqueId("parent");
        await Portal.PublishAsync(WorkflowPortal.Completing(child));
        await Portal.PublishAsync(WorkflowPortal.Definition(parent,
            $$"""{ "id": "start", "type": "Start" }, { "id": "run", "type": "RunWorkflow", "name": "Run the child", "inputs": { "workflow": { "value": "{{child}}" }, "inputs": { "value": { "requestId": "r-2" } } } }, { "id": "end", "type": "End" }""",
            """{ "from": "start", "outcome": "Done", "to": "run" }, { "from": "run", "outcome": "Done", "to": "end" }"""));
        var instance = await Portal.StartAsync(parent, WorkflowStatus.Completed);
        var childId = (string)(await Portal.FindAsync(instance))!.Outputs["run"]!["childId"]!;
        return (instance, childId);
    }
}
