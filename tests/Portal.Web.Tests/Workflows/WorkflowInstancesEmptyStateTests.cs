using Bunit;
using Portal.Web.Workflows.Pages;

namespace Portal.Web.Tests.Workflows;

/// <summary>A portal of its own, where nothing has run.</summary>
public sealed class WorkflowInstancesEmptyStateTests(WorkflowPortal portal) : WorkflowPagesTestContext(portal), IClassFixture<WorkflowPortal>
{
    [Fact]
    public void Before_anything_ran_the_page_explains_what_an_instance_is()
    {
        SignInAsAdmin();

        var page = Render<WorkflowInstancesPage>();

        page.WaitForAssertion(() =>
        {
            var empty = page.Find("[data-testid=no-instances]").TextContent;
            Assert.Contains("No workflow has run yet", empty, StringComparison.Ordinal);
            Assert.Contains("An instance is one run of a published workflow", empty, StringComparison.Ordinal);
        }, Patience);
        Assert.Empty(page.FindAll("[data-testid=instance-filters]"));
    }
}
