using System.Security.Claims;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Web.Approvals;

namespace Portal.Web.Tests.Approvals;

public sealed class WaitingTasksBadgeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_badge_counts_and_tells_the_drawer_when_the_number_changes()
    {
        var waiting = 2;
        var badge = new WaitingTasksBadge((_, _) => Task.FromResult(waiting), NullLogger<WaitingTasksBadge>.Instance);
        var changes = 0;
        badge.Changed += () => changes++;

        await badge.RefreshAsync(new ClaimsPrincipal(), Token);
        await badge.RefreshAsync(new ClaimsPrincipal(), Token);
        badge.Report(1);

        Assert.Equal((1, 2), (badge.Count, changes));
    }

    [Fact]
    public async Task A_failed_count_keeps_the_last_number()
    {
        var fail = false;
        var badge = new WaitingTasksBadge((_, _) => fail ? throw new InvalidOperationException("database away") : Task.FromResult(4), NullLogger<WaitingTasksBadge>.Instance);
        await badge.RefreshAsync(new ClaimsPrincipal(), Token);

        fail = true;
        await badge.RefreshAsync(new ClaimsPrincipal(), Token);

        Assert.Equal(4, badge.Count);
    }
}
