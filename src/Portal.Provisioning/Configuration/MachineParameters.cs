namespace Portal.Provisioning.Configuration;

/// <summary>
/// Parameter names <see cref="MachineIdentity.FromSettings"/> reads, matched case-insensitively. A stack that
/// defines a parameter under one of these names gets it applied by the OS itself (hostname, network, admin
/// account); every other non-secret parameter is handed to the machine as data (see <see cref="CloudInitGenerator"/>).
/// </summary>
public static class MachineParameters
{
    public const string Hostname = "hostname";

    /// <summary>What Windows stacks usually call the host name; read when <see cref="Hostname"/> is not set.</summary>
    public const string ComputerName = "computerName";
    public const string Domain = "domain";
    public const string IpAddress = "ipAddress";
    public const string PrefixLength = "prefixLength";
    public const string Netmask = "netmask";
    public const string Gateway = "gateway";

    /// <summary>DNS servers separated by commas, semicolons or spaces.</summary>
    public const string Dns = "dns";

    /// <summary>The network card to configure, when the platform knows its MAC address.</summary>
    public const string MacAddress = "macAddress";

    public const string AdminUser = "adminUser";
    public const string AdminPassword = "adminPassword";

    /// <summary>OpenSSH public keys, one a line.</summary>
    public const string SshKeys = "sshKeys";

    /// <summary>A single key under the name the library's stacks use; read when <see cref="SshKeys"/> is not set.</summary>
    public const string SshAuthorizedKey = "sshAuthorizedKey";

    /// <summary>An IANA time zone ("Europe/Paris"); Windows gets the matching Windows zone.</summary>
    public const string TimeZone = "timeZone";

    /// <summary>The message of the day shown at login (Linux: /etc/motd).</summary>
    public const string MessageOfTheDay = "motd";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        Hostname, ComputerName, Domain, IpAddress, PrefixLength, Netmask, Gateway, Dns, MacAddress, AdminUser, AdminPassword, SshKeys, SshAuthorizedKey, TimeZone, MessageOfTheDay,
    };

    /// <summary>The validation field for a parameter, the key <c>SoftwareStack.Configure</c> uses too.</summary>
    public static string Field(string name) => $"parameters.{name}";
}
