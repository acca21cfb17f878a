using Portal.Domain.Library;
using Portal.Provisioning.Configuration;
using static Portal.Provisioning.Tests.Configuration.Settings;

namespace Portal.Provisioning.Tests.Configuration;

public sealed class ConfigurationGeneratorTests
{
    public static TheoryData<SoftwareConfiguration> BothFamilies => new(
        Linux(Value("hostname", "web01"), Secret("adminPassword", Password), Value("appMode", "blue")),
        WindowsStack(Value("hostname", "WIN01"), Secret("adminPassword", Password), Value("adminUser", "ops")));

    [Theory]
    [InlineData(OsFamily.Linux, typeof(CloudInitGenerator))]
    [InlineData(OsFamily.Windows, typeof(UnattendGenerator))]
    public void The_os_family_decides_the_generator(OsFamily family, Type expected)
    {
        Assert.IsType(expected, ConfigurationGenerator.For(family));
    }

    [Fact]
    public void Other_families_get_no_generated_configuration()
    {
        Assert.Null(ConfigurationGenerator.For(OsFamily.Other));
    }

    [Fact]
    public void A_configuration_of_another_family_is_a_bug_in_the_caller()
    {
        Assert.Throws<ArgumentException>(() => ConfigurationGenerator.For(OsFamily.Windows)!.Generate(Linux(), "i-1"));
    }

    [Theory]
    [MemberData(nameof(BothFamilies))]
    public void The_secret_is_in_a_file_s_content_only(SoftwareConfiguration configuration)
    {
        var generated = ConfigurationGenerator.For(configuration.Family)!.Generate(configuration, "i-1").Value;

        Assert.Contains(generated.Files, f => f.HoldsSecrets);
    }

    [Theory]
    [MemberData(nameof(BothFamilies))]
    public void Descriptions_show_the_mask_and_never_the_secret_nor_its_encodings(SoftwareConfiguration configuration)
    {
        var generated = ConfigurationGenerator.For(configuration.Family)!.Generate(configuration, "i-1").Value;
        var shown = string.Join("\n", generated.ToString(), generated.Describe(), string.Join("\n", generated.Files));

        Assert.Contains(SecretValue.Mask, generated.Describe(), StringComparison.Ordinal);
        Assert.Empty(Leaks(generated, shown));
    }

    [Theory]
    [MemberData(nameof(BothFamilies))]
    public void Nothing_logged_holds_the_secret_nor_its_encodings(SoftwareConfiguration configuration)
    {
        var logs = new CapturedLogs();

        var generated = ConfigurationGenerator.For(configuration.Family, logs)!.Generate(configuration, "i-1").Value;

        Assert.NotEmpty(logs.Entries);
        Assert.Empty(Leaks(generated, logs.All));
    }

    [Fact]
    public void A_refused_configuration_logs_which_fields_without_their_values()
    {
        var logs = new CapturedLogs();
        const string badHostname = "bad_host";

        ConfigurationGenerator.For(OsFamily.Linux, logs)!.Generate(Linux(Value("hostname", badHostname), Secret("adminPassword", Password)), "i-1");

        Assert.Equal((true, false, false), (logs.All.Contains("parameters.hostname", StringComparison.Ordinal),
            logs.All.Contains(badHostname, StringComparison.Ordinal), logs.All.Contains(Password, StringComparison.Ordinal)));
    }

    /// <summary>Every form the secret takes in the files (clear, hashed, Windows-encoded) that appears in <paramref name="text"/>.</summary>
    private static string[] Leaks(GeneratedConfiguration generated, string text)
    {
        List<string> forms = [Password, .. Sensitive(generated)];
        return [.. forms.Where(form => text.Contains(form, StringComparison.Ordinal))];
    }

    // The values that differ between a file and its masked form: the hash ("passwd: "$6$…""), the encoded passwords ("<Value>…</Value>").
    private static IReadOnlyList<string> Sensitive(GeneratedConfiguration generated)
    {
        var values = generated.Files
            .SelectMany(f => f.Content.Split('\n').Except(f.MaskedContent.Split('\n')))
            .Select(line => line.Trim())
            .Select(line => line.StartsWith('<') ? line.Split('>', '<')[2] : line.Split(": ", 2)[1].Trim('"'))
            .ToList();
        Assert.True(values.Count > 0 && values.All(v => v.Length > 20), $"Expected a hash or encoded password in the files, found [{string.Join(", ", values)}].");
        return values;
    }
}
