using Bunit;
using Portal.Domain.Security;
using Portal.Web.Tests.Provisioning;

namespace Portal.Web.Tests.Approvals;

/// <summary>A portal of its own, where nobody has asked for anything yet.</summary>
public sealed class ApprovalsEmptyStateTests(ProvisioningPortal portal) : ApprovalsPagesTestContext(portal), IClassFixture<ProvisioningPortal>
{
    [Fact]
    public void With_nothing_waiting_the_inbox_says_so_and_points_to_the_requests()
    {
        Auth.SetAuthorized(Alex).SetRoles(PortalRoles.Approver);

        var page = RenderInbox();

        var empty = page.Find("[data-testid=inbox-empty]");
        Assert.Contains("Nothing waits for you", empty.TextContent, StringComparison.Ordinal);
        Assert.NotNull(empty.QuerySelector("a[href='/requests']"));
        Assert.Empty(page.FindAll("[data-testid=bulk-bar]"));
    }
}
