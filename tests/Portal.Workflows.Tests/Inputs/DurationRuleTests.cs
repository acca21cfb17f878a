using System.Text.Json.Nodes;
using Portal.Workflows.Definitions;

namespace Portal.Workflows.Tests.Inputs;

public sealed class DurationRuleTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 5 * 60)]
    [InlineData("2h", 2 * 3600)]
    [InlineData("1d", 86400)]
    [InlineData("1.5h", 5400)]
    [InlineData("1h30m", 5400)]
    [InlineData("1d 2h 3m 4s", 86400 + 7200 + 180 + 4)]
    [InlineData(" 10S ", 10)]
    public void A_number_with_a_unit_is_read_in_that_unit(string text, double seconds)
    {
        Assert.True(DurationRule.TryParse(text, out var duration, out var reason), reason);
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData("30", 30)]
    [InlineData("0", 0)]
    [InlineData("1.5", 1.5)]
    public void A_bare_number_in_a_string_is_seconds_never_days(string text, double seconds)
    {
        Assert.True(DurationRule.TryParse(text, out var duration, out var reason), reason);
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Fact]
    public void A_json_number_is_seconds()
    {
        Assert.True(DurationRule.TryRead(JsonValue.Create(90), out var duration, out _));
        Assert.Equal(TimeSpan.FromSeconds(90), duration);
    }

    [Theory]
    [InlineData("00:05:00", 300)]
    [InlineData("01:00:00", 3600)]
    [InlineData("1:02:03", 3723)]
    [InlineData("3.00:00:00", 3 * 86400)]
    [InlineData("1.02:03:04", 86400 + 7200 + 180 + 4)]
    [InlineData("00:00:01.5", 1.5)]
    public void A_clock_is_hours_minutes_seconds_with_optional_days(string text, double seconds)
    {
        Assert.True(DurationRule.TryParse(text, out var duration, out var reason), reason);
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("soon", "\"soon\" is not a duration: write seconds (30)")]
    [InlineData("5 minutes", "is not a duration")]
    [InlineData("5y", "is not a duration")]
    [InlineData("-5", "negative")]
    [InlineData("-00:01:00", "negative")]
    [InlineData("05:00", "is not a duration")]
    [InlineData("26:00:00", "hours go up to 23")]
    [InlineData("00:61:00", "minutes and seconds up to 59")]
    [InlineData("1h5", "is not a duration")]
    [InlineData("5m1h", "is not a duration")]
    [InlineData("99999999999999999999d", "too long")]
    public void Anything_else_is_refused_with_the_reason(string text, string reason)
    {
        Assert.False(DurationRule.TryParse(text, out _, out var why), $"\"{text}\" should be refused");
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_another_json_kind_is_refused()
    {
        Assert.False(DurationRule.TryRead(JsonValue.Create(true), out _, out var reason));
        Assert.Contains("true is not a duration", reason, StringComparison.Ordinal);
        Assert.False(DurationRule.TryRead(JsonValue.Create(-3), out _, out reason));
        Assert.Contains("negative", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30, "30s")]
    [InlineData(300, "5m")]
    [InlineData(7200, "2h")]
    [InlineData(86400, "1d")]
    [InlineData(90, "90s")]
    [InlineData(1.5, "00:00:01.5000000")]
    public void Format_writes_a_form_the_rule_reads_back(double seconds, string expected)
    {
        var text = DurationRule.Format(TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, text);
        Assert.True(DurationRule.TryParse(text, out var back, out _));
        Assert.Equal(TimeSpan.FromSeconds(seconds), back);
    }
}
