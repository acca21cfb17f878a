using System.Text.Json.Nodes;
using Bunit;
using Portal.Web.Designer;
using Portal.Web.Designer.Properties;

namespace Portal.Web.Tests.Designer;

/// <summary>The designer's duration field reads a stored literal by the engine's own rule (DurationRule).</summary>
public sealed class DurationFieldRuleTests : DesignerTestContext
{
    [Theory]
    [InlineData("2", 2, DurationUnit.Seconds)]
    [InlineData("30s", 30, DurationUnit.Seconds)]
    [InlineData("5m", 5, DurationUnit.Minutes)]
    [InlineData("2h", 2, DurationUnit.Hours)]
    [InlineData("1d", 1, DurationUnit.Days)]
    [InlineData("00:10:00", 10, DurationUnit.Minutes)]
    public void A_stored_duration_is_shown_as_the_engine_reads_it(string stored, double amount, DurationUnit unit)
    {
        Assert.Equal(new DurationValue(amount, unit), DurationValue.Read(JsonValue.Create(stored)));
    }

    [Fact]
    public void A_string_of_digits_is_seconds_in_the_designer_as_in_the_engine()
    {
        var field = Render<DurationField>(p => p.Add(f => f.Value, JsonValue.Create("2")));

        Assert.Equal("2", field.Find("[data-testid=duration-amount]").GetAttribute("value"));
        Assert.Equal("seconds", field.Find("[data-testid=duration-unit]").TextContent.Trim());
    }

    [Fact]
    public void A_stored_value_the_rule_refuses_shows_the_rules_reason()
    {
        var field = Render<DurationField>(p => p.Add(f => f.Value, JsonValue.Create("2 days")));

        Assert.Contains("\"2 days\" is not a duration", field.Markup, StringComparison.Ordinal);
    }
}
