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
    public void Label_and_description_become_the_parameter_description()
    {
        var parameter = Import("""
            <Property ovf:key="dns" ovf:type="string" ovf:userConfigurable="true">
              <Label>DNS server</Label>
              <Description>The resolver the appliance uses</Description>
            </Property>
            """);

        Assert.Equal("The resolver the appliance uses", parameter.Description);
    }

    [Fact]
    public void A_value_the_author_did_not_make_configurable_is_pinned_by_a_pattern()
    {
        var parameter = Import("""<Property ovf:key="edition" ovf:type="string" ovf:value="standard+"/>""");

        Assert.Empty(parameter.ValidateValue("standard+", "edition"));
        Assert.NotEmpty(parameter.ValidateValue("enterprise", "edition"));
    }
}
