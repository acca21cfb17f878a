using Portal.Domain.Requests;

namespace Portal.Domain.Tests.Requests;

public sealed class HostnamePatternTests
{
    [Fact]
    public void A_pattern_gives_each_server_its_number()
    {
        Assert.Equal(["web-1", "web-2", "web-3"], HostnamePattern.Expand("web-{n}", 3).Value);
    }

    [Fact]
    public void Padded_placeholders_give_fixed_width_numbers()
    {
        Assert.Equal(["web-01", "web-02"], HostnamePattern.Expand("web-{nn}", 2).Value);
        Assert.Equal(["db-001"], HostnamePattern.Expand("db-{nnn}", 1).Value);
    }

    [Fact]
    public void One_server_may_have_a_plain_name()
    {
        Assert.Equal(["db-bm-01"], HostnamePattern.Expand("  db-bm-01 ", 1).Value);
    }

    [Fact]
    public void Several_servers_without_a_number_in_the_pattern_are_refused_with_an_example()
    {
        var result = HostnamePattern.Expand("web", 2);

        var error = Assert.Single(result.Errors);
        Assert.Equal("hostnamePattern", error.Field);
        Assert.Contains("web-{n}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-web-{n}")]
    [InlineData("web_{n}")]
    [InlineData("web-{n}-")]
    [InlineData("web {n}")]
    public void Names_that_are_not_host_names_are_refused_naming_the_first(string pattern)
    {
        var result = HostnamePattern.Expand(pattern, 2);

        Assert.Contains("is not a valid host name", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("web-{x}")]
    [InlineData("web-{n")]
    [InlineData("web-{nnnn}")]
    public void Braces_hold_only_the_number(string pattern)
    {
        Assert.Contains("{n}", Assert.Single(HostnamePattern.Expand(pattern, 2).Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_longer_than_63_characters_is_refused()
    {
        Assert.False(HostnamePattern.Expand(new string('a', 62) + "{nn}", 1).IsValid);
        Assert.True(HostnamePattern.Expand(new string('a', 61) + "{nn}", 1).IsValid);
    }

    [Fact]
    public void An_empty_pattern_asks_for_a_name()
    {
        Assert.Equal("hostnamePattern", Assert.Single(HostnamePattern.Expand(" ", 1).Errors).Field);
    }
}
