using Portal.Data.Dashboards;
using Portal.Domain.Requests;
using Portal.Web.Dashboard;

namespace Portal.Web.Tests.Dashboard;

public sealed class RequestsOverTimeTests
{
    private static readonly DateOnly Monday = new(2026, 12, 7);

    [Fact]
    public void Every_day_of_the_window_has_a_column_even_without_requests_and_each_status_a_series()
    {
        var chart = RequestsOverTime.Of(
        [
            new RequestsOnDay(Monday.AddDays(-2), RequestStatus.Completed, 3),
            new RequestsOnDay(Monday, RequestStatus.Completed, 1),
            new RequestsOnDay(Monday, RequestStatus.PendingApproval, 2),
        ], Monday.AddDays(-3), Monday);

        Assert.Equal(["Dec 04", "Dec 05", "Dec 06", "Dec 07"], chart.Labels);
        Assert.Equal([RequestStatus.PendingApproval, RequestStatus.Completed], chart.Series.Select(s => s.Status));
        Assert.Equal([0, 0, 0, 2], chart.Series[0].PerDay);
        Assert.Equal([0, 3, 0, 1], chart.Series[1].PerDay);
        Assert.Equal(6, chart.Total);
        Assert.False(chart.IsEmpty);
    }

    [Fact]
    public void A_window_without_requests_is_empty()
    {
        var chart = RequestsOverTime.Of([], Monday.AddDays(-13), Monday);

        Assert.True(chart.IsEmpty);
        Assert.Equal(14, chart.Labels.Count);
        Assert.Empty(chart.Series);
    }
}
