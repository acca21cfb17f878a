using System.Text;
using System.Xml.Linq;
using Portal.Domain.Library;
using Portal.Provisioning.Configuration;
using static Portal.Provisioning.Tests.Configuration.Settings;

namespace Portal.Provisioning.Tests.Configuration;

public sealed class UnattendGeneratorTests
{
    private static readonly XNamespace U = UnattendGenerator.Unattend;
    private static readonly XNamespace Wcm = UnattendGenerator.Wcm;
    private static readonly ConfigurationGenerator Generator = ConfigurationGenerator.For(OsFamily.Windows)!;

    private static SoftwareConfiguration StaticWin01(params ParameterSetting[] more) => WindowsStack(
    [
        Value("hostname", "WIN01", ParameterType.Hostname),
        Value("domain", "corp.example.com"),
        Value("ipAddress", "192.0.2.20", ParameterType.Ip),
        Value("netmask", "255.255.255.0"),
        Value("gateway", "192.0.2.1", ParameterType.Ip),
        Value("dns", "192.0.2.53;192.0.2.54"),
        Secret("adminPassword", Password),
        Value("timeZone", "Europe/Paris"),
        .. more,
    ]);

    private static XDocument Answer(SoftwareConfiguration configuration)
    {
        var result = Generator.Generate(configuration, "i-win");
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        var file = Assert.Single(result.Value.Files);
        Assert.Equal(UnattendGenerator.FileName, file.Name);
        return XDocument.Parse(file.Content);
    }

    private static XElement Component(XDocument answer, string pass, string name) =>
        answer.Root!.Elements(U + "settings").Single(s => (string?)s.Attribute("pass") == pass)
            .Elements(U + "component").Single(c => (string?)c.Attribute("name") == name);

    private static string DecodePassword(XElement passwordElement, string settingName)
    {
        Assert.Equal("false", passwordElement.Element(U + "PlainText")!.Value);
        var decoded = Encoding.Unicode.GetString(Convert.FromBase64String(passwordElement.Element(U + "Value")!.Value));
        Assert.EndsWith(settingName, decoded, StringComparison.Ordinal);
        return decoded[..^settingName.Length];
    }

    [Fact]
    public void The_answer_file_is_in_the_unattend_schema_namespace_with_amd64_components()
    {
        var answer = Answer(StaticWin01());

        Assert.Equal(
            (U + "unattend", true),
            (answer.Root!.Name, answer.Descendants(U + "component").All(c =>
                (string?)c.Attribute("processorArchitecture") == "amd64" && (string?)c.Attribute("publicKeyToken") == "31bf3856ad364e35")));
    }

    [Fact]
    public void The_specialize_pass_names_the_computer_and_sets_the_windows_time_zone()
    {
        var shell = Component(Answer(StaticWin01()), "specialize", "Microsoft-Windows-Shell-Setup");

        Assert.Equal(("WIN01", "Romance Standard Time"), (shell.Element(U + "ComputerName")!.Value, shell.Element(U + "TimeZone")!.Value));
    }

    [Fact]
    public void The_administrator_password_is_in_the_file_hidden_as_windows_sim_hides_it()
    {
        var accounts = Component(Answer(StaticWin01()), "oobeSystem", "Microsoft-Windows-Shell-Setup").Element(U + "UserAccounts")!;

        Assert.Equal(Password, DecodePassword(accounts.Element(U + "AdministratorPassword")!, "AdministratorPassword"));
    }

    [Fact]
    public void Another_admin_user_is_created_in_the_administrators_group_with_the_password()
    {
        var account = Component(Answer(StaticWin01(Value("adminUser", "opsadmin"))), "oobeSystem", "Microsoft-Windows-Shell-Setup")
            .Descendants(U + "LocalAccount").Single();

        Assert.Equal(
            ("opsadmin", "Administrators", Password, "add"),
            (account.Element(U + "Name")!.Value, account.Element(U + "Group")!.Value, DecodePassword(account.Element(U + "Password")!, "Password"), (string?)account.Attribute(Wcm + "action")));
    }

    [Fact]
    public void A_static_address_is_set_through_the_tcpip_component()
    {
        var networkInterface = Component(Answer(StaticWin01()), "specialize", "Microsoft-Windows-TCPIP").Descendants(U + "Interface").Single();

        Assert.Equal(
            ("Ethernet", "false", "192.0.2.20/24", "0.0.0.0/0", "192.0.2.1"),
            (networkInterface.Element(U + "Identifier")!.Value,
                networkInterface.Element(U + "Ipv4Settings")!.Element(U + "DhcpEnabled")!.Value,
                networkInterface.Element(U + "UnicastIpAddresses")!.Element(U + "IpAddress")!.Value,
                networkInterface.Descendants(U + "Prefix").Single().Value,
                networkInterface.Descendants(U + "NextHopAddress").Single().Value));
    }

    [Fact]
    public void Dns_servers_and_domain_go_to_the_dns_client_of_the_card_with_the_given_mac()
    {
        var dns = Component(Answer(StaticWin01(Value("macAddress", "52:54:00:ab:cd:ef"))), "specialize", "Microsoft-Windows-DNS-Client");

        Assert.Equal(
            ("corp.example.com", "52-54-00-AB-CD-EF", "192.0.2.53 | 192.0.2.54"),
            (dns.Element(U + "DNSDomain")!.Value, dns.Descendants(U + "Identifier").Single().Value,
                string.Join(" | ", dns.Descendants(U + "DNSServerSearchOrder").Elements(U + "IpAddress").Select(a => a.Value))));
    }

    [Fact]
    public void With_dhcp_the_network_is_left_to_windows()
    {
        var answer = Answer(WindowsStack(Secret("adminPassword", Password)));

        Assert.DoesNotContain(answer.Descendants(U + "component"), c => (string?)c.Attribute("name") == "Microsoft-Windows-TCPIP");
    }

    [Fact]
    public void A_computer_name_longer_than_fifteen_characters_is_refused()
    {
        var result = Generator.Generate(WindowsStack(Value("hostname", "sixteen-chars-01"), Secret("adminPassword", Password)), "i-1");

        Assert.Equal(["parameters.hostname"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Windows_without_an_admin_password_is_refused()
    {
        var result = Generator.Generate(WindowsStack(Value("hostname", "WIN01")), "i-1");

        Assert.Equal(["parameters.adminPassword"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Markup_in_a_value_stays_text()
    {
        const string password = "</Value><PlainText>true</PlainText><Value>";
        var answer = Answer(WindowsStack(Value("hostname", "WIN01"), Secret("adminPassword", password)));
        var administrator = Component(answer, "oobeSystem", "Microsoft-Windows-Shell-Setup").Descendants(U + "AdministratorPassword").Single();

        Assert.Equal((password, 2), (DecodePassword(administrator, "AdministratorPassword"), administrator.Elements().Count()));
    }
}
