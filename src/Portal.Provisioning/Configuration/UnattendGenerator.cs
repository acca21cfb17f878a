using System.Net.Sockets;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Portal.Domain.Library;

namespace Portal.Provisioning.Configuration;

/// <summary>
/// A Windows answer file (schema urn:schemas-microsoft-com:unattend) for the first boot of a generalized
/// (sysprepped) image: computer name, time zone and static address in the specialize pass, admin account in
/// oobeSystem. Named Autounattend.xml, the name Windows Setup looks for at the root of removable media; copied
/// into an image it goes to C:\Windows\Panther\unattend.xml. Built with XDocument, so values are always escaped.
/// </summary>
/// <remarks>
/// Passwords are written the way Windows System Image Manager's "hide sensitive data" writes them: base64 of the
/// UTF-16 text followed by the setting's name, with PlainText false. That is obfuscation, not encryption: the file
/// is as secret as the password. Windows Setup replaces them with *SENSITIVE*DATA*DELETED* in the copy it keeps.
/// Parameters other than <see cref="MachineParameters"/> have no place in an answer file and are not applied.
/// </remarks>
public sealed class UnattendGenerator(ILogger<UnattendGenerator> logger) : ConfigurationGenerator(logger)
{
    public const string FileName = "Autounattend.xml";

    /// <summary>The interface alias Windows gives the first network card when no MAC address identifies it.</summary>
    public const string DefaultInterface = "Ethernet";

    public static readonly XNamespace Unattend = "urn:schemas-microsoft-com:unattend";
    public static readonly XNamespace Wcm = "http://schemas.microsoft.com/WMIConfig/2002/State";

    public override OsFamily Family => OsFamily.Windows;

    protected override GeneratedConfiguration Build(SoftwareConfiguration configuration, MachineIdentity identity) => new()
    {
        Family = OsFamily.Windows,
        Files = [new GeneratedFile(FileName, Render(identity, reveal: true), Render(identity, reveal: false))],
    };

    /// <summary>How Windows SIM hides a password: base64 of UTF-16LE (password + setting name).</summary>
    public static string EncodePassword(string password, string settingName) =>
        Convert.ToBase64String(Encoding.Unicode.GetBytes(password + settingName));

    private static string Render(MachineIdentity identity, bool reveal)
    {
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(Unattend + "unattend",
                new XElement(Unattend + "settings", new XAttribute("pass", "specialize"), SpecializeComponents(identity)),
                new XElement(Unattend + "settings", new XAttribute("pass", "oobeSystem"), OobeComponent(identity, reveal))));

        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            document.Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static IEnumerable<XElement> SpecializeComponents(MachineIdentity identity)
    {
        yield return Component("Microsoft-Windows-Shell-Setup",
            Element("ComputerName", identity.Hostname),
            Element("TimeZone", MachineIdentity.ToWindowsTimeZone(identity.TimeZone)!));

        var network = identity.Network;
        var interfaceId = network.MacAddress is { } mac ? mac.Replace(':', '-').ToUpperInvariant() : DefaultInterface;
        if (network is StaticNetwork fixedAddress)
        {
            var v6 = fixedAddress.Address.AddressFamily == AddressFamily.InterNetworkV6;
            var networkInterface = new XElement(Unattend + "Interface", Add(),
                Element("Identifier", interfaceId),
                new XElement(Unattend + (v6 ? "Ipv6Settings" : "Ipv4Settings"), Element("DhcpEnabled", "false")),
                new XElement(Unattend + "UnicastIpAddresses",
                    new XElement(Unattend + "IpAddress", Add(), new XAttribute(Wcm + "keyValue", "1"), fixedAddress.Cidr)));
            if (fixedAddress.Gateway is { } gateway)
            {
                networkInterface.Add(new XElement(Unattend + "Routes",
                    new XElement(Unattend + "Route", Add(),
                        Element("Identifier", "0"),
                        Element("NextHopAddress", gateway.ToString()),
                        Element("Prefix", v6 ? "::/0" : "0.0.0.0/0"))));
            }

            yield return Component("Microsoft-Windows-TCPIP", new XElement(Unattend + "Interfaces", networkInterface));
        }

        if (network.DnsServers.Count > 0 || identity.Domain is not null)
        {
            var dns = Component("Microsoft-Windows-DNS-Client");
            if (identity.Domain is { } domain)
            {
                dns.Add(Element("DNSDomain", domain));
            }

            if (network.DnsServers.Count > 0)
            {
                dns.Add(new XElement(Unattend + "Interfaces",
                    new XElement(Unattend + "Interface", Add(),
                        Element("Identifier", interfaceId),
                        new XElement(Unattend + "DNSServerSearchOrder",
                            network.DnsServers.Select((server, i) =>
                                new XElement(Unattend + "IpAddress", Add(), new XAttribute(Wcm + "keyValue", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), server.ToString()))))));
            }

            yield return dns;
        }
    }

    private static XElement OobeComponent(MachineIdentity identity, bool reveal)
    {
        var password = identity.AdminPassword!;
        string Secret(string settingName) => reveal ? EncodePassword(password.Reveal(), settingName) : SecretValue.Mask;

        // Set even when another account is the admin: Windows Server's OOBE otherwise stops to ask for it.
        var accounts = new XElement(Unattend + "UserAccounts",
            new XElement(Unattend + "AdministratorPassword", Element("Value", Secret("AdministratorPassword")), Element("PlainText", "false")));
        var createsAccount = !string.Equals(identity.AdminUser, MachineIdentity.WindowsAdministrator, StringComparison.OrdinalIgnoreCase);
        if (createsAccount)
        {
            accounts.Add(new XElement(Unattend + "LocalAccounts",
                new XElement(Unattend + "LocalAccount", Add(),
                    Element("DisplayName", identity.AdminUser),
                    Element("Group", "Administrators"),
                    Element("Name", identity.AdminUser),
                    new XElement(Unattend + "Password", Element("Value", Secret("Password")), Element("PlainText", "false")))));
        }

        return Component("Microsoft-Windows-Shell-Setup",
            new XElement(Unattend + "OOBE",
                Element("HideEULAPage", "true"),
                Element("HideLocalAccountScreen", "true"),
                Element("HideOEMRegistrationScreen", "true"),
                Element("HideOnlineAccountScreens", "true"),
                Element("HideWirelessSetupInOOBE", "true"),
                Element("ProtectYourPC", "3")),
            accounts);
    }

    private static XElement Component(string name, params object[] content) => new(Unattend + "component",
        new XAttribute("name", name),
        new XAttribute("processorArchitecture", "amd64"),
        new XAttribute("publicKeyToken", "31bf3856ad364e35"),
        new XAttribute("language", "neutral"),
        new XAttribute("versionScope", "nonSxS"),
        new XAttribute(XNamespace.Xmlns + "wcm", Wcm.NamespaceName),
        content);

    private static XElement Element(string name, string value) => new(Unattend + name, value);

    private static XAttribute Add() => new(Wcm + "action", "add");
}
