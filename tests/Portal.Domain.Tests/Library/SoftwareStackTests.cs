using Portal.Domain.Library;

namespace Portal.Domain.Tests.Library;

public sealed class SoftwareStackTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["hostname"] = "web-01.example.com",
        ["ip"] = "10.0.0.15",
        ["adminPassword"] = "S3cret!pass",
    };

    [Fact]
    public void Supplied_values_and_defaults_make_the_configuration()
    {
        var software = Samples.Linux().Configure(Valid).Value;

        Assert.Equal("web-01.example.com", software["hostname"]!.Value);
        Assert.Equal("4", software["workers"]!.Value);
        Assert.Equal("dev", software["env"]!.Value);
        Assert.Equal("Ubuntu 24.04", software.OsLabel);
    }

    [Fact]
    public void A_secret_is_kept_apart_and_never_shown()
    {
        var software = Samples.Linux().Configure(Valid).Value;
        var secret = software["adminPassword"]!;

        Assert.Null(secret.Value);
        Assert.Equal("S3cret!pass", secret.Secret!.Reveal());
        Assert.Equal(SecretValue.Mask, secret.Display);
        Assert.DoesNotContain("S3cret", software.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_secret_the_portal_generates_may_be_left_empty_but_only_a_secret_can_be_generated()
    {
        var linux = Samples.Linux();
        var generated = linux with
        {
            Parameters = [.. linux.Parameters.Select(p => p.Name == "adminPassword" ? p with { Generate = true } : p)],
        };

        Assert.True(generated.Configure(new Dictionary<string, string?> { ["hostname"] = "web-01", ["ip"] = "10.0.0.15" }).IsValid);
        Assert.False(linux.Configure(new Dictionary<string, string?> { ["hostname"] = "web-01", ["ip"] = "10.0.0.15" }).IsValid);
        var notSecret = new ConfigurationParameter { Name = "hostname", Type = ParameterType.Hostname, Generate = true };
        Assert.Contains(notSecret.ValidateDefinition("p"), e => e.Field == "p.generate");
    }

    [Fact]
    public void A_missing_required_parameter_is_an_error_keyed_by_its_name()
    {
        var result = Samples.Linux().Configure(new Dictionary<string, string?> { ["hostname"] = "web-01" });

        var error = Assert.Single(result.Errors);
        Assert.Equal("parameters.adminPassword", error.Field);
    }

    [Theory]
    [InlineData("hostname", "web_01!")]
    [InlineData("ip", "10.0.0.999")]
    [InlineData("workers", "four")]
    [InlineData("env", "staging")]
    [InlineData("hostname", "web-01\n")]
    [InlineData("env", "dev\n")]
    public void A_value_of_the_wrong_form_is_refused_on_its_parameter(string name, string value)
    {
        var values = new Dictionary<string, string?>(Valid) { [name] = value };

        var result = Samples.Linux().Configure(values);

        Assert.Equal($"parameters.{name}", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void A_bad_secret_value_is_refused_without_repeating_it()
    {
        var stack = Samples.Linux() with
        {
            Parameters = [new() { Name = "pin", Type = ParameterType.Secret, Pattern = "[0-9]{6}", Required = true }],
        };

        var error = Assert.Single(stack.Configure(new Dictionary<string, string?> { ["pin"] = "hunter2" }).Errors);

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_for_a_parameter_the_image_does_not_have_is_refused()
    {
        var values = new Dictionary<string, string?>(Valid) { ["hostnmae"] = "typo" };

        Assert.Equal("parameters.hostnmae", Assert.Single(Samples.Linux().Configure(values).Errors).Field);
    }

    [Fact]
    public void A_secret_with_a_default_and_a_bad_pattern_are_definition_errors()
    {
        var stack = Samples.Linux() with
        {
            Parameters =
            [
                new() { Name = "rootPassword", Type = ParameterType.Secret, Default = "changeme" },
                new() { Name = "zone", Pattern = "([a-z" },
            ],
        };

        var fields = stack.Validate().Select(e => e.Field).ToList();

        Assert.Contains("software.parameters[0].default", fields);
        Assert.Contains("software.parameters[1].pattern", fields);
    }
}
