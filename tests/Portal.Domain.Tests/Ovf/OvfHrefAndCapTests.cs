using System.Text;
using Portal.Domain.Library.Ovf;

namespace Portal.Domain.Tests.Ovf;

/// <summary>Hostile hrefs, caps on what a descriptor may describe, and control characters in names.</summary>
public sealed class OvfHrefAndCapTests
{
    private static string WithHref(string href) =>
        OvfSamples.VMware().Replace("ovf:href=\"web-01-disk1.vmdk\"", $"ovf:href=\"{href}\"", StringComparison.Ordinal);

    private static string Refused(string xml, OvfImportOptions? options = null)
    {
        var result = OvfSamples.Import(xml, options);
        Assert.False(result.IsValid, "The descriptor should have been refused.");
        return OvfSamples.Errors(result);
    }

    [Theory]
    [InlineData("%2e%2e/%2e%2e/etc/shadow", "climb above the package")]
    [InlineData("%2E%2E%2Fetc%2Fshadow", "climb above the package")]
    [InlineData("disks/../../etc/shadow", "climb above the package")]
    [InlineData("..\\..\\windows\\system32\\config\\SAM", "climb above the package")]
    [InlineData("disks%5c..%5c..%5csecret.vmdk", "climb above the package")]
    [InlineData("/etc/shadow", "absolute path")]
    [InlineData("%2fetc%2fshadow", "absolute path")]
    [InlineData("\\\\server\\share\\disk.vmdk", "absolute path")]
    [InlineData("C:\\images\\disk.vmdk", "makes it a URI or a drive")]
    [InlineData("file:///etc/shadow", "makes it a URI or a drive")]
    [InlineData("file%3A%2F%2F%2Fetc%2Fshadow", "makes it a URI or a drive")]
    [InlineData("https://example.com/disk.vmdk", "makes it a URI or a drive")]
    [InlineData("%252e%252e/%252e%252e/etc/shadow", "decoded once more")]
    [InlineData("disks/disk.vmdk:hidden", "':' is not allowed")]
    [InlineData("disk.vmdk:hidden", "makes it a URI or a drive")]
    [InlineData("disk%00.vmdk", "control characters")]
    public void An_href_that_leaves_the_package_is_refused_with_the_reason_and_the_line(string href, string reason)
    {
        var xml = WithHref(href);
        var line = xml[..xml.IndexOf("ovf:href=", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var messages = Refused(xml);

        Assert.Contains($"ovf:href of <File> (line {line})", messages, StringComparison.Ordinal);
        Assert.Contains("points outside the package", messages, StringComparison.Ordinal);
        Assert.Contains(reason, messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("disks/web%2001.vmdk", "disks/web%2001.vmdk")]
    [InlineData("./disks/./web.vmdk", "disks/web.vmdk")]
    [InlineData("disks/old/../web.vmdk", "disks/web.vmdk")]
    [InlineData("100%25.vmdk", "100%25.vmdk")]
    public void An_href_inside_the_package_resolves_under_the_artifact_base(string href, string expected)
    {
        var result = OvfSamples.Import(WithHref(href));

        Assert.True(result.IsValid, OvfSamples.Errors(result));
        Assert.Equal($"ova://appliance/{expected}", Assert.Single(result.Value.Artifacts).Location.AbsoluteUri);
    }

    [Fact]
    public void The_percent_encoded_dot_segments_of_the_issue_are_refused()
    {
        Assert.False(OvfPackagePath.FromHref("%2e%2e/secret").IsValid);
        Assert.Equal("web-01-disk1.vmdk", OvfPackagePath.FromHref("web-01-disk1.vmdk").Path);
    }

    [Fact]
    public void Forty_thousand_network_adapters_are_refused_by_the_cap_before_they_are_read()
    {
        var nics = new StringBuilder();
        for (var i = 0; i < 40_000; i++)
        {
            nics.Append("<Item><rasd:InstanceID>n").Append(i).Append("</rasd:InstanceID><rasd:ResourceType>10</rasd:ResourceType></Item>");
        }

        var xml = OvfSamples.VMware(extraHardware: nics.ToString());
        Assert.True(Encoding.UTF8.GetByteCount(xml) < OvfImportOptions.DefaultMaxDescriptorBytes, "the descriptor must be under the size cap, so the NIC cap is what refuses it");

        var messages = Refused(xml);

        Assert.Contains("40001 network adapters; at most 64 are accepted (Portal:Library:Ovf:MaxNetworkAdapters)", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void The_caps_on_disks_and_properties_come_from_the_options()
    {
        var properties = string.Concat(Enumerable.Range(0, 5).Select(i => $"<Property ovf:key=\"p{i}\" ovf:type=\"string\"/>"));
        var options = OvfSamples.Options() with { MaxProperties = 4, MaxDisks = 1 };
        var disks = "<Item><rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource><rasd:InstanceID>99</rasd:InstanceID><rasd:ResourceType>17</rasd:ResourceType></Item>";

        var messages = Refused(OvfSamples.VMware(properties: properties, extraHardware: disks), options);

        Assert.Contains("5 properties; at most 4 are accepted (Portal:Library:Ovf:MaxProperties)", messages, StringComparison.Ordinal);
        Assert.Contains("2 disk items; at most 1 are accepted (Portal:Library:Ovf:MaxDisks)", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_caps_let_a_real_appliance_through()
    {
        var properties = string.Concat(Enumerable.Range(0, 40).Select(i => $"<Property ovf:key=\"p{i}\" ovf:type=\"string\"/>"));

        var result = OvfSamples.Import(OvfSamples.VMware(properties: properties));

        Assert.True(result.IsValid, OvfSamples.Errors(result));
    }

    [Theory]
    [InlineData("<Name>web-01</Name>", "<Name>web&#10;INFO forged log line</Name>", "U+000A")]
    [InlineData("<Name>web-01</Name>", "<Name>web\u007f01</Name>", "U+007F")]
    [InlineData("<Name>web-01</Name>", "<Name>web\u008501x</Name>", "U+0085")]
    [InlineData("<Name>web-01</Name>", "<Name>web\u202Etxt.exe</Name>", "U+202E")]
    [InlineData("<rasd:ElementName>Network adapter 1</rasd:ElementName>", "<rasd:ElementName>Network&#9;adapter</rasd:ElementName>", "U+0009")]
    [InlineData("<Version>2.3</Version>", "<Version>2&#13;3</Version>", "U+000D")]
    public void A_name_with_a_control_character_is_refused_naming_the_element_and_line(string from, string to, string character)
    {
        var xml = OvfSamples.VMware().Replace(from, to, StringComparison.Ordinal);
        var element = to[1..to.IndexOf('>', StringComparison.Ordinal)];

        var messages = Refused(xml);

        Assert.Contains($"<{element}> (line ", messages, StringComparison.Ordinal);
        Assert.Contains($"holds the control character {character}", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void A_property_label_with_a_control_character_is_refused()
    {
        var property = "<Property ovf:key=\"dns\" ovf:type=\"string\"><Label>DNS\u009b31m</Label></Property>";

        Assert.Contains("<Label> (line", Refused(OvfSamples.VMware(properties: property)), StringComparison.Ordinal);
    }

    [Fact]
    public void Prose_may_break_lines_but_not_hold_other_controls()
    {
        var multiLine = OvfSamples.VMware().Replace("Nginx web server on Ubuntu", "Nginx web server&#10;on Ubuntu", StringComparison.Ordinal);
        var escape = OvfSamples.VMware().Replace("Nginx web server on Ubuntu", "Nginx \u0085\u009b web server", StringComparison.Ordinal);

        Assert.True(OvfSamples.Import(multiLine).IsValid, OvfSamples.Errors(OvfSamples.Import(multiLine)));
        Assert.Contains("<Annotation> (line", Refused(escape), StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_in_a_message_are_shown_escaped_never_raw()
    {
        var messages = Refused(WithHref("a&#10;b/../../x"));

        Assert.DoesNotContain("\n", messages.Replace(Environment.NewLine, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("a\\u000Ab", messages, StringComparison.Ordinal);
    }
}
