using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Portal.Domain.Library;
using Portal.Domain.Validation;

namespace Portal.Provisioning.Configuration;

/// <summary>
/// What makes one deployed machine itself: its names, address, admin account and the instance id that tells
/// cloud-init this is a new machine. Validation messages never repeat a value, which may be a secret.
/// </summary>
public sealed partial record MachineIdentity
{
    public const string DefaultTimeZone = "Etc/UTC";

    /// <summary>Not "admin": Ubuntu has a group of that name, and creating the user then fails.</summary>
    public const string DefaultLinuxAdmin = "portal";

    public const string WindowsAdministrator = "Administrator";

    /// <summary>The short host name, one DNS label ("web01").</summary>
    public required string Hostname { get; init; }

    /// <summary>The DNS domain the host name lives in ("example.com"), if any.</summary>
    public string? Domain { get; init; }

    public MachineNetwork Network { get; init; } = new DhcpNetwork();

    public required string AdminUser { get; init; }

    public IReadOnlyList<string> SshPublicKeys { get; init; } = [];

    public SecretValue? AdminPassword { get; init; }

    /// <summary>Changes whenever cloud-init must treat the machine as new (a redeployment, not a reboot).</summary>
    public required string InstanceId { get; init; }

    /// <summary>An IANA zone; Windows gets the matching Windows zone name.</summary>
    public string TimeZone { get; init; } = DefaultTimeZone;

    /// <summary>What users see when they log in, if the stack sets one.</summary>
    public string? MessageOfTheDay { get; init; }

    public string? Fqdn => Domain is null ? null : $"{Hostname}.{Domain}";

    /// <summary>
    /// Reads the <see cref="MachineParameters"/> names from the configuration, case-insensitively, with these
    /// defaults: host name "vm-" and the start of the instance id, DHCP when there is no ipAddress (prefixLength,
    /// netmask and gateway mean nothing without one and are then ignored), admin "portal" on Linux and
    /// "Administrator" on Windows, time zone Etc/UTC. An ipAddress may carry its prefix ("10.0.0.5/24"); a prefix
    /// wins over a netmask. Values are trimmed. A value that cannot be read is an error keyed by its parameter,
    /// and stands in as DHCP so that the rest is still checked.
    /// </summary>
    public static ValidationResult<MachineIdentity> FromSettings(SoftwareConfiguration configuration, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<ValidationError>();

        string? Text(string name) => configuration[name] is { } setting
            && (setting.Secret?.Reveal() ?? setting.Value) is { } value
            && !string.IsNullOrWhiteSpace(value)
                ? value.Trim()
                : null;

        var password = configuration[MachineParameters.AdminPassword] is { } passwordSetting
            ? passwordSetting.Secret ?? (string.IsNullOrEmpty(passwordSetting.Value) ? null : new SecretValue(passwordSetting.Value))
            : null;

        var identity = new MachineIdentity
        {
            Hostname = Text(MachineParameters.Hostname) ?? Text(MachineParameters.ComputerName) ?? DefaultHostname(instanceId),
            Domain = Text(MachineParameters.Domain),
            Network = ReadNetwork(Text, errors),
            AdminUser = Text(MachineParameters.AdminUser) ?? (configuration.Family == OsFamily.Windows ? WindowsAdministrator : DefaultLinuxAdmin),
            SshPublicKeys = (Text(MachineParameters.SshKeys) ?? Text(MachineParameters.SshAuthorizedKey))?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            AdminPassword = password,
            InstanceId = instanceId,
            TimeZone = Text(MachineParameters.TimeZone) ?? DefaultTimeZone,
            MessageOfTheDay = Text(MachineParameters.MessageOfTheDay),
        };
        errors.AddRange(identity.Validate(configuration.Family));
        return errors.Count == 0 ? ValidationResult<MachineIdentity>.Success(identity) : ValidationResult<MachineIdentity>.Failure(errors);
    }

    /// <summary>What stops this identity from configuring a machine of the given family.</summary>
    public IReadOnlyList<ValidationError> Validate(OsFamily family)
    {
        var errors = new List<ValidationError>();

        void Require(bool condition, string field, string message)
        {
            if (!condition)
            {
                errors.Add(new ValidationError(field, message));
            }
        }

        var windows = family == OsFamily.Windows;
        Require(HostLabel().IsMatch(Hostname) && !Hostname.All(char.IsAsciiDigit), MachineParameters.Field(MachineParameters.Hostname),
            "A host name is one label of letters, digits and '-' (at most 63, not all digits, no '-' at either end).");
        Require(!windows || Hostname.Length <= 15, MachineParameters.Field(MachineParameters.Hostname),
            "A Windows computer name has at most 15 characters.");
        Require(Domain is null || DomainName().IsMatch(Domain) && Fqdn!.Length <= 253, MachineParameters.Field(MachineParameters.Domain),
            "A domain is dot-separated labels of letters, digits and '-', at most 253 characters with the host name.");
        Require(windows ? WindowsUser().IsMatch(AdminUser) : LinuxUser().IsMatch(AdminUser) && AdminUser != "root",
            MachineParameters.Field(MachineParameters.AdminUser), windows
                ? "A Windows user name is at most 20 letters, digits, '.', '_' or '-'."
                : "A Linux user name is lower-case letters, digits, '_' or '-' (at most 32, starting with a letter or '_'), and not root.");
        for (var i = 0; i < SshPublicKeys.Count; i++)
        {
            Require(SshKey().IsMatch(SshPublicKeys[i]), MachineParameters.Field(MachineParameters.SshKeys),
                $"Key {i + 1} is not an OpenSSH public key: its type, its base64 data and an optional comment, on one line.");
        }

        Require(!windows || SshPublicKeys.Count == 0, MachineParameters.Field(MachineParameters.SshKeys),
            "Windows deployments do not install SSH keys; leave the keys empty.");
        Require(AdminPassword is null || AdminPassword.Reveal().Length > 0, MachineParameters.Field(MachineParameters.AdminPassword),
            "The admin password is empty.");
        Require(!windows || AdminPassword is not null, MachineParameters.Field(MachineParameters.AdminPassword),
            "Windows needs an admin password, or its setup stops to ask for one.");
        Require(InstanceIdPattern().IsMatch(InstanceId), "instanceId",
            "An instance id is letters, digits, '.', '_', ':' or '-', at most 128 characters.");
        Require(windows ? ToWindowsTimeZone(TimeZone) is not null : IanaZone().IsMatch(TimeZone), MachineParameters.Field(MachineParameters.TimeZone),
            "Enter a time zone such as Europe/Paris or Etc/UTC.");
        Require(Network.MacAddress is null || MacPattern().IsMatch(Network.MacAddress), MachineParameters.Field(MachineParameters.MacAddress),
            "Enter a MAC address as six pairs of hex digits separated by ':' or '-'.");
        if (Network is StaticNetwork fixedAddress)
        {
            var maximum = fixedAddress.Address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
            Require(fixedAddress.PrefixLength is > 0 && fixedAddress.PrefixLength <= maximum, MachineParameters.Field(MachineParameters.PrefixLength),
                $"The prefix length is between 1 and {maximum} for this address.");
            Require(fixedAddress.Gateway is null || fixedAddress.Gateway.AddressFamily == fixedAddress.Address.AddressFamily,
                MachineParameters.Field(MachineParameters.Gateway), "The gateway is not of the same IP version as the address.");
        }

        return errors;
    }

    /// <summary>The Windows name of an IANA zone, or the zone itself when it already is a Windows name; null when neither.</summary>
    internal static string? ToWindowsTimeZone(string zone) =>
        TimeZoneInfo.TryConvertIanaIdToWindowsId(zone, out var windowsZone) ? windowsZone
        : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone, out _) ? zone
        : null;

    private static string DefaultHostname(string instanceId)
    {
        var suffix = new string([.. instanceId.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).Take(12)]);
        return suffix.Length == 0 ? "vm" : $"vm-{suffix}";
    }

    private static MachineNetwork ReadNetwork(Func<string, string?> text, List<ValidationError> errors)
    {
        var dnsServers = new List<IPAddress>();
        foreach (var entry in text(MachineParameters.Dns)?.Split([',', ';', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries) ?? [])
        {
            if (IPAddress.TryParse(entry, out var server))
            {
                dnsServers.Add(server);
            }
            else
            {
                errors.Add(new ValidationError(MachineParameters.Field(MachineParameters.Dns), "Enter DNS server IP addresses separated by commas."));
                break;
            }
        }

        var mac = text(MachineParameters.MacAddress);
        if (text(MachineParameters.IpAddress) is not { } addressText)
        {
            return new DhcpNetwork { MacAddress = mac, DnsServers = dnsServers };
        }

        var slash = addressText.IndexOf('/', StringComparison.Ordinal);
        var prefixText = slash >= 0 ? addressText[(slash + 1)..] : text(MachineParameters.PrefixLength);
        if (!IPAddress.TryParse(slash >= 0 ? addressText[..slash] : addressText, out var address)
            || address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            errors.Add(new ValidationError(MachineParameters.Field(MachineParameters.IpAddress), "Enter an IPv4 or IPv6 address."));
            return new DhcpNetwork { MacAddress = mac, DnsServers = dnsServers };
        }

        int prefix;
        if (prefixText is not null)
        {
            if (!int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix))
            {
                errors.Add(new ValidationError(MachineParameters.Field(MachineParameters.PrefixLength), "Enter the prefix length as a number, such as 24."));
                return new DhcpNetwork { MacAddress = mac, DnsServers = dnsServers };
            }
        }
        else if (text(MachineParameters.Netmask) is { } maskText)
        {
            if (!TryPrefixFromNetmask(maskText, out prefix))
            {
                errors.Add(new ValidationError(MachineParameters.Field(MachineParameters.Netmask), "Enter an IPv4 netmask such as 255.255.255.0."));
                return new DhcpNetwork { MacAddress = mac, DnsServers = dnsServers };
            }
        }
        else
        {
            errors.Add(new ValidationError(MachineParameters.Field(MachineParameters.PrefixLength),
                "A static address needs its prefix length (such as 24) or netmask (such as 255.255.255.0)."));
            return new DhcpNetwork { MacAddress = mac, DnsServers = dnsServers };
        }

        IPAddress? gateway = null;
        if (text(MachineParameters.Gateway) is { } gatewayText && !IPAddress.TryParse(gatewayText, out gateway))
        {
            errors.Add(new ValidationError(MachineParameters.Field(MachineParameters.Gateway), "Enter the gateway's IP address."));
        }

        return new StaticNetwork { Address = address, PrefixLength = prefix, Gateway = gateway, MacAddress = mac, DnsServers = dnsServers };
    }

    private static bool TryPrefixFromNetmask(string text, out int prefix)
    {
        prefix = 0;
        if (!IPAddress.TryParse(text, out var mask) || mask.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(mask.GetAddressBytes());
        prefix = System.Numerics.BitOperations.PopCount(bits);
        // A netmask is ones then zeros; anything else (255.0.255.0) is a typo.
        return prefix == 0 ? bits == 0 : bits == uint.MaxValue << (32 - prefix);
    }

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\z")]
    private static partial Regex HostLabel();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\z")]
    private static partial Regex DomainName();

    [GeneratedRegex(@"^[a-z_][a-z0-9_-]{0,31}\z")]
    private static partial Regex LinuxUser();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,19}\z")]
    private static partial Regex WindowsUser();

    [GeneratedRegex(@"^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)[ \t]+[A-Za-z0-9+/]+={0,3}([ \t]+[^\x00-\x1F\x7F]*)?\z")]
    private static partial Regex SshKey();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}\z")]
    private static partial Regex InstanceIdPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}\z")]
    private static partial Regex IanaZone();

    [GeneratedRegex(@"^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}\z|^[0-9A-Fa-f]{2}(-[0-9A-Fa-f]{2}){5}\z")]
    private static partial Regex MacPattern();
}
