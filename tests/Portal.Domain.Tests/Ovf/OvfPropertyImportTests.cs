using Portal.Domain.Library;

namespace Portal.Domain.Tests.Ovf;

public sealed class OvfPropertyImportTests
{
    private static ConfigurationParameter Import(string property, string? name = null)
    {
        var result = OvfSamples.Import(OvfSamples.VMware(properties: property));
        Assert.True(result.IsValid, OvfSamples.Errors(result));
        var parameters = result.Value.Software.Parameters;
        return name is null ? Assert.Single(parameters) : parameters.Single(p => p.Name == name);
    }

    [Fact]
    public void Password_property_becomes_a_secret_without_its_default()
    {
        var parameter = Import("""
            <Property ovf:key="admin_password" ovf:password="true" ovf:type="string" ovf:userConfigurable="true" ovf:value="changeme">
              <Label>Administrator password</Label>
            </Property>
            """);

        Assert.Equal((ParameterType.Secret, (string?)null), (parameter.Type, parameter.Default));
    }

    [Fact]
    public void Integer_and_boolean_types_keep_their_defaults()
    {
        var port = Import("""<Property ovf:key="port" ovf:type="uint16" ovf:userConfigurable="true" ovf:value="8080"/>""" +
                          """<Property ovf:key="debug" ovf:type="boolean" ovf:userConfigurable="true" ovf:value="false"/>""", "port");

        Assert.Equal((ParameterType.Int, "8080"), (port.Type, port.Default));
    }

    [Fact]
    public void Boolean_property_becomes_a_bool_parameter()
    {
        var debug = Import("""<Property ovf:key="debug" ovf:type="boolean" ovf:userConfigurable="true" ovf:value="True"/>""");

        Assert.Equal((ParameterType.Bool, "True"), (debug.Type, debug.Default));
    }

    [Fact]
    public void MinLen_qualifier_makes_the_parameter_required()
    {
        var parameter = Import("""<Property ovf:key="hostname" ovf:qualifiers="MinLen(1) MaxLen(63)" ovf:type="string" ovf:userConfigurable="true"/>""");

        Assert.Equal((true, "[\\s\\S]{1,63}"), (parameter.Required, parameter.Pattern));
    }

    [Fact]
    public void ValueMap_qualifier_becomes_a_pattern_of_the_allowed_values()
    {
        var parameter = Import("""<Property ovf:key="tier" ovf:qualifiers="ValueMap{&quot;web&quot;, &quot;db.primary&quot;}" ovf:type="string" ovf:userConfigurable="true" ovf:value="web"/>""");

        Assert.Equal(@"web|db\.primary", parameter.Pattern);
    }

    [Fact]
    public void Keys_with_characters_a_parameter_name_cannot_hold_are_sanitised()
    {
        var parameter = Import("""<Property ovf:key="1st nic:ip" ovf:type="string" ovf:userConfigurable="true"/>""");

        Assert.Equal("p1st_nic_ip", parameter.Name);
    }

    [Fact]
    public void Classed_product_section_properties_are_named_class_key_instance()
    {
        var result = OvfSamples.Import(OvfSamples.VMware().Replace("</VirtualSystem>", """
              <ProductSection ovf:class="com.example.db" ovf:instance="1">
                <Info>Database settings</Info>
                <Property ovf:key="port" ovf:type="uint16" ovf:userConfigurable="true" ovf:value="5432"/>
              </ProductSection>
            </VirtualSystem>
            """, StringComparison.Ordinal));

        Assert.Equal("com.example.db.port.1", Assert.Single(result.Value.Software.Parameters).Name);
    }

    [Fact]
    public void Label_becomes_the_label_and_description_the_help_text()
    {
        var parameter = Import("""
            <Property ovf:key="dns" ovf:type="string" ovf:userConfigurable="true">
              <Label>DNS server</Label>
              <Description>The resolver the appliance uses</Description>
            </Property>
            """);

        Assert.Equal(("DNS server", "The resolver the appliance uses"), (parameter.Label, parameter.Description));
    }

    [Fact]
    public void A_vsphere_product_section_gives_every_parameter_its_label_and_help_text()
    {
        var result = OvfSamples.Import(OvfSamples.VMware(properties: """
            <Category>Networking</Category>
            <Property ovf:key="guestinfo.hostname" ovf:type="string" ovf:userConfigurable="true">
              <Label>Host name</Label>
              <Description>The name of the appliance on the network, e.g. web-01.</Description>
            </Property>
            <Property ovf:key="guestinfo.ipaddress" ovf:type="string" ovf:userConfigurable="true">
              <Label>IP address</Label>
              <Description>Leave empty for DHCP.</Description>
            </Property>
            <Category>Credentials</Category>
            <Property ovf:key="guestinfo.password" ovf:password="true" ovf:type="string" ovf:userConfigurable="true">
              <Label>Root password</Label>
              <Description>The password of the root account.</Description>
            </Property>
            """));

        Assert.True(result.IsValid, OvfSamples.Errors(result));
        Assert.Equal(
            [
                ("guestinfo.hostname", "Host name", "The name of the appliance on the network, e.g. web-01."),
                ("guestinfo.ipaddress", "IP address", "Leave empty for DHCP."),
                ("guestinfo.password", "Root password", "The password of the root account."),
            ],
            result.Value.Software.Parameters.Select(p => (p.Name, p.DisplayLabel, p.Description)));
    }

    [Fact]
    public void A_label_with_a_msgid_is_read_from_its_default_text()
    {
        var parameter = Import("""
            <Property ovf:key="guestinfo.hostname" ovf:type="string" ovf:userConfigurable="true">
              <Label ovf:msgid="hostname.label">Host name</Label>
              <Description ovf:msgid="hostname.description">The appliance's name.</Description>
            </Property>
            """);

        Assert.Equal(("Host name", "The appliance's name."), (parameter.Label, parameter.Description));
    }

    [Fact]
    public void A_label_wrapped_over_several_lines_is_read_as_one_line()
    {
        var parameter = Import("""
            <Property ovf:key="ntp" ovf:type="string" ovf:userConfigurable="true">
              <Label>
                NTP   servers
              </Label>
            </Property>
            """);

        Assert.Equal("NTP servers", parameter.Label);
    }

    [Fact]
    public void A_label_that_only_repeats_the_key_is_dropped_so_the_name_reads_as_words()
    {
        var parameter = Import("""
            <Property ovf:key="adminPassword" ovf:password="true" ovf:type="string" ovf:userConfigurable="true">
              <Label>adminPassword</Label>
            </Property>
            """);

        Assert.Equal(((string?)null, "Admin password"), (parameter.Label, parameter.DisplayLabel));
    }

    [Fact]
    public void A_label_too_long_for_a_field_caption_is_a_problem_naming_its_line()
    {
        var result = OvfSamples.Import(OvfSamples.VMware(properties: $"""
            <Property ovf:key="motd" ovf:type="string" ovf:userConfigurable="true">
              <Label>{new string('x', ParameterLabels.MaxLength + 1)}</Label>
            </Property>
            """));

        Assert.Contains(result.Errors, e => e.Message.StartsWith("<Label> (line ", StringComparison.Ordinal) && e.Message.Contains("at most 100 characters", StringComparison.Ordinal));
    }

    [Fact]
    public void Virtualbox_properties_without_labels_are_shown_by_their_names_as_words()
    {
        var result = OvfSamples.Import(OvfSamples.VirtualBox(productSection: """
            <ProductSection>
              <Info>Meta-information about the installed software</Info>
              <Product>Debian lab box</Product>
              <Vendor>Lab</Vendor>
              <Version>12</Version>
              <Property ovf:key="ntp_servers" ovf:type="string" ovf:userConfigurable="true" ovf:value="pool.ntp.org"/>
              <Property ovf:key="sshPort" ovf:type="uint16" ovf:userConfigurable="true" ovf:value="22"/>
            </ProductSection>
            """));

        Assert.True(result.IsValid, OvfSamples.Errors(result));
        Assert.Equal(
            [("ntp_servers", (string?)null, "NTP servers"), ("sshPort", null, "SSH port")],
            result.Value.Software.Parameters.Select(p => (p.Name, p.Label, p.DisplayLabel)));
    }

    [Fact]
    public void An_ovf_2_property_label_is_read_too()
    {
        var result = OvfSamples.Import(OvfSamples.Ovf2(vendorSection: """
            <ovf:ProductSection>
              <ovf:Info>Database settings</ovf:Info>
              <ovf:Property ovf:key="db.port" ovf:type="uint16" ovf:userConfigurable="true" ovf:value="5432">
                <ovf:Label>Database port</ovf:Label>
                <ovf:Description>The TCP port PostgreSQL listens on.</ovf:Description>
              </ovf:Property>
            </ovf:ProductSection>
            """));

        Assert.True(result.IsValid, OvfSamples.Errors(result));
        var parameter = Assert.Single(result.Value.Software.Parameters);
        Assert.Equal(("Database port", "The TCP port PostgreSQL listens on."), (parameter.Label, parameter.Description));
    }

    [Fact]
    public void A_value_the_author_did_not_make_configurable_is_pinned_by_a_pattern()
    {
        var parameter = Import("""<Property ovf:key="edition" ovf:type="string" ovf:value="standard+"/>""");

        Assert.Empty(parameter.ValidateValue("standard+", "edition"));
        Assert.NotEmpty(parameter.ValidateValue("enterprise", "edition"));
    }
}
