using Portal.Web.Requests;

namespace Portal.Web.Tests.Requests;

public sealed class RelativeTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 3, 10, 2, 30, TimeSpan.Zero);

    [Theory]
    [InlineData(-20, "just now")]
    [InlineData(-60, "a minute ago")]
    [InlineData(-5 * 60, "5 minutes ago")]
    [InlineData(-3600, "an hour ago")]
    [InlineData(-5 * 3600, "5 hours ago")]
    [InlineData(-86400, "a day ago")]
    [InlineData(-3 * 86400, "3 days ago")]
    [InlineData(20, "in less than a minute")]
    [InlineData(2 * 3600, "in 2 hours")]
    [InlineData(3 * 86400, "in 3 days")]
    [InlineData(3 * 86400 - 60, "in 3 days")]
    [InlineData(2 * 86400 + 3600, "in 2 days")]
    public void Describe_says_how_long_ago_or_how_soon(int seconds, string expected)
    {
        Assert.Equal(expected, RelativeTime.Describe(Now.AddSeconds(seconds), Now));
    }

    [Fact]
    public void Describe_gives_the_date_beyond_a_month()
    {
        Assert.Equal("on 2026-04-01", RelativeTime.Describe(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero), Now));
    }

    [Fact]
    public void Clock_gives_the_time_alone_today_and_the_day_otherwise_always_in_utc()
    {
        Assert.Equal("08:15 UTC", RelativeTime.Clock(new DateTimeOffset(2026, 6, 3, 10, 15, 0, TimeSpan.FromHours(2)), Now));
        Assert.Equal("1 Jun 23:40 UTC", RelativeTime.Clock(new DateTimeOffset(2026, 6, 1, 23, 40, 0, TimeSpan.Zero), Now));
        Assert.Equal("30 Dec 2025 09:00 UTC", RelativeTime.Clock(new DateTimeOffset(2025, 12, 30, 9, 0, 0, TimeSpan.Zero), Now));
    }
}
