using Portal.Web.Requests;

namespace Portal.Web.Tests.Requests;

public sealed class TimelineGroupsTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_requests_own_lines_stay_together_and_each_servers_go_under_its_name()
    {
        TimelineEntry[] timeline =
        [
            new(At, "Requested by riya: 2 × Ubuntu", TimelineKind.Info),
            new(At.AddSeconds(1), "Approved by kim", TimelineKind.Approved),
            new(At.AddSeconds(2), "web-01: Allocate hardware", TimelineKind.Done, "web-01"),
            new(At.AddSeconds(3), "web-02: Allocate hardware", TimelineKind.Done, "web-02"),
            new(At.AddSeconds(4), "web-01: Power on", TimelineKind.Done, "web-01"),
            new(At.AddSeconds(5), "Completed: every server is up", TimelineKind.Done),
        ];

        var groups = TimelineGroups.Of(timeline);

        Assert.Equal(["Requested by riya: 2 × Ubuntu", "Approved by kim", "Completed: every server is up"], groups.Request.Select(e => e.Text));
        Assert.Equal(["Allocate hardware", "Power on"], groups.For("web-01").Select(e => e.Text));
        Assert.Equal(["Allocate hardware"], groups.For("WEB-02").Select(e => e.Text));
        Assert.Empty(groups.For("web-03"));
    }
}
