using Portal.Web.Dashboard;

namespace Portal.Web.Tests.Dashboard;

public sealed class DurationsTests
{
    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_value_whatever_the_order()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), Durations.Percentile([TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)], 0.5));
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(TimeSpan.FromMinutes(3), Durations.Percentile([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(10)], 0.5));
    }

    [Fact]
    public void The_90th_percentile_interpolates_between_ranks_and_none_gives_null()
    {
        var tenths = Enumerable.Range(1, 11).Select(i => TimeSpan.FromSeconds(i * 10)).ToList();
        Assert.Equal(TimeSpan.FromSeconds(100), Durations.Percentile(tenths, 0.9));
        Assert.Null(Durations.Percentile([], 0.5));
    }

    [Theory]
    [InlineData(12, "12 s")]
    [InlineData(250, "4 min 10 s")]
    [InlineData(7500, "2 h 05 min")]
    [InlineData(90000, "1 d 1 h")]
    public void Durations_read_at_a_glance(int seconds, string expected)
    {
        Assert.Equal(expected, Durations.InWords(TimeSpan.FromSeconds(seconds)));
    }
}
