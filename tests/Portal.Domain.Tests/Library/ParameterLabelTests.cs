using Portal.Domain.Library;

namespace Portal.Domain.Tests.Library;

public sealed class ParameterLabelTests
{
    private static ConfigurationParameter Parameter(string name, string? label = null) => new() { Name = name, Label = label };

    private static List<string> LabelErrors(string label) =>
        Parameter("hostname", label).ValidateDefinition("software.parameters[0]")
            .Where(e => e.Field == "software.parameters[0].label").Select(e => e.Message).ToList();

    [Fact]
    public void A_parameter_with_a_label_is_shown_by_its_label()
    {
        Assert.Equal("Host name", Parameter("guestinfo.hostname", "Host name").DisplayLabel);
    }

    [Theory]
    [InlineData("adminPassword", "Admin password")]
    [InlineData("hostname", "Hostname")]
    [InlineData("ntp.servers", "NTP servers")]
    [InlineData("ntp_servers", "NTP servers")]
    [InlineData("NTP_SERVERS", "NTP servers")]
    [InlineData("ntpServers", "NTP servers")]
    [InlineData("ipAddress", "IP address")]
    [InlineData("sshAuthorizedKey", "SSH authorized key")]
    [InlineData("dns-search-domain", "DNS search domain")]
    [InlineData("vlanId", "VLAN ID")]
    [InlineData("mgmt.vlan.mtu", "Mgmt VLAN MTU")]
    [InlineData("FQDN", "FQDN")]
    [InlineData("proxyURL", "Proxy URL")]
    [InlineData("cidr", "CIDR")]
    [InlineData("DNSServers", "DNS servers")]
    [InlineData("HTTPProxyHost", "HTTP proxy host")]
    [InlineData("ipv4Gateway", "IPv4 gateway")]
    [InlineData("javaHeapGiB", "Java heap GiB")]
    [InlineData("nic2Ip", "Nic 2 IP")]
    public void A_parameter_without_a_label_is_shown_by_its_name_as_words(string name, string expected)
    {
        Assert.Equal(expected, Parameter(name).DisplayLabel);
    }

    [Theory]
    [InlineData("identity", "Identity")]
    [InlineData("IDLE_TIMEOUT", "Idle timeout")]
    [InlineData("macroName", "Macro name")]
    [InlineData("ipsecKey", "Ipsec key")]
    public void An_abbreviation_is_only_recognised_as_a_whole_word(string name, string expected)
    {
        Assert.Equal(expected, Parameter(name).DisplayLabel);
    }

    [Fact]
    public void A_blank_label_falls_back_to_the_name_as_words()
    {
        Assert.Equal("Admin password", Parameter("adminPassword", "  ").DisplayLabel);
    }

    [Fact]
    public void A_label_of_up_to_the_maximum_length_is_valid()
    {
        Assert.Empty(LabelErrors(new string('x', ParameterLabels.MaxLength)));
    }

    [Fact]
    public void A_label_longer_than_the_maximum_is_refused()
    {
        Assert.Contains("at most 100 characters", Assert.Single(LabelErrors(new string('x', ParameterLabels.MaxLength + 1))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host\nname")]
    [InlineData("Host\tname")]
    [InlineData("Host\u0007name")]
    [InlineData("Host\u2028name")]
    [InlineData("Host \u202Eeman")]
    public void A_label_with_control_characters_is_refused(string label)
    {
        Assert.Contains("control characters", Assert.Single(LabelErrors(label)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_of_only_spaces_is_refused_rather_than_shown_empty()
    {
        Assert.Single(LabelErrors("   "));
    }

    [Fact]
    public void A_label_in_any_script_is_valid()
    {
        Assert.Empty(LabelErrors("Nom d'hôte — ホスト名"));
    }

    [Fact]
    public void A_missing_required_parameter_is_named_by_its_label()
    {
        var stack = Samples.Linux() with
        {
            Parameters = [new() { Name = "adminPassword", Label = "Administrator password", Type = ParameterType.Secret, Required = true }],
        };

        Assert.Equal("Administrator password is required.", Assert.Single(stack.Configure().Errors).Message);
    }
}
