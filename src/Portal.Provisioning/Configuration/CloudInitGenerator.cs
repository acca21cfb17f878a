using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Portal.Domain.Library;
using Portal.Domain.Validation;

namespace Portal.Provisioning.Configuration;

/// <summary>
/// cloud-init NoCloud seed files: <c>user-data</c> (#cloud-config), <c>meta-data</c> and <c>network-config</c>
/// (version 2), for a medium labelled "cidata". Every file is written by a YAML serializer, so a value can only
/// ever be a value.
/// </summary>
/// <remarks>
/// The admin password becomes a SHA-512 crypt hash in <c>passwd</c>; the clear text is never written. Parameters
/// that are not <see cref="MachineParameters"/> and not secret go to <see cref="ParametersPath"/> as
/// <c>NAME='value'</c> lines (NAME with '.' and '-' turned into '_'), which a shell can source and systemd can read
/// as an EnvironmentFile: that is how an image's own scripts get them. Secrets never go there: a world-readable
/// file is the wrong place, and the image's scripts should take them from a secret store instead.
/// </remarks>
public sealed class CloudInitGenerator(ILogger<CloudInitGenerator> logger) : ConfigurationGenerator(logger)
{
    public const string VolumeLabel = "cidata";
    public const string UserDataFile = "user-data";
    public const string MetaDataFile = "meta-data";
    public const string NetworkConfigFile = "network-config";
    public const string ParametersPath = "/etc/portal/parameters.env";
    public const string MotdPath = "/etc/motd";

    public override OsFamily Family => OsFamily.Linux;

    protected override IEnumerable<ValidationError> ValidateSettings(SoftwareConfiguration configuration)
    {
        foreach (var setting in DataParameters(configuration))
        {
            if (setting.Value!.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
            {
                yield return new ValidationError(MachineParameters.Field(setting.Name), "The value holds control characters, which the parameters file cannot carry.");
            }
        }

        foreach (var clash in DataParameters(configuration).GroupBy(s => VariableName(s.Name), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return new ValidationError(MachineParameters.Field(clash.Last().Name),
                $"The parameters {string.Join(" and ", clash.Select(s => s.Name))} would both be written as {clash.Key}; rename one.");
        }
    }

    protected override GeneratedConfiguration Build(SoftwareConfiguration configuration, MachineIdentity identity)
    {
        // Hashed once: the salt is random, and both renderings must describe the same file.
        var passwordHash = identity.AdminPassword is { } password ? Sha512Crypt.Hash(password.Reveal()) : null;
        var parameters = ParametersFile(configuration);
        return new GeneratedConfiguration
        {
            Family = OsFamily.Linux,
            VolumeLabel = VolumeLabel,
            Files =
            [
                new GeneratedFile(UserDataFile,
                    UserData(identity, passwordHash, parameters),
                    UserData(identity, passwordHash is null ? null : SecretValue.Mask, parameters)),
                new GeneratedFile(MetaDataFile, MetaData(identity)),
                .. NetworkConfig(identity) is { } network ? [new GeneratedFile(NetworkConfigFile, network)] : Array.Empty<GeneratedFile>(),
            ],
        };
    }

    private static string UserData(MachineIdentity identity, string? passwordHash, string parameters)
    {
        var user = new Dictionary<string, object>
        {
            ["name"] = identity.AdminUser,
            ["shell"] = "/bin/bash",
            // Without a password sudo could never be used; with one, it is asked for.
            ["sudo"] = passwordHash is null ? "ALL=(ALL) NOPASSWD:ALL" : "ALL=(ALL) ALL",
            ["lock_passwd"] = passwordHash is null,
        };
        if (passwordHash is not null)
        {
            user["passwd"] = passwordHash;
        }

        if (identity.SshPublicKeys.Count > 0)
        {
            user["ssh_authorized_keys"] = identity.SshPublicKeys.ToList();
        }

        var document = new Dictionary<string, object> { ["hostname"] = identity.Hostname };
        if (identity.Fqdn is { } fqdn)
        {
            document["fqdn"] = fqdn;
        }

        document["manage_etc_hosts"] = true;
        document["timezone"] = identity.TimeZone;
        document["users"] = new List<object> { user };
        // Password logins over SSH only when there is no key to log in with.
        document["ssh_pwauth"] = passwordHash is not null && identity.SshPublicKeys.Count == 0;
        var files = new List<object>
        {
            new Dictionary<string, object>
            {
                ["path"] = ParametersPath,
                ["owner"] = "root:root",
                ["permissions"] = "0644",
                ["content"] = parameters,
            },
        };
        if (identity.MessageOfTheDay is { } message)
        {
            files.Add(new Dictionary<string, object>
            {
                ["path"] = MotdPath,
                ["owner"] = "root:root",
                ["permissions"] = "0644",
                ["content"] = message.EndsWith('\n') ? message : message + "\n",
            });
        }

        document["write_files"] = files;
        return "#cloud-config\n" + CloudConfigYaml.Serialize(document);
    }

    private static string MetaData(MachineIdentity identity) => CloudConfigYaml.Serialize(new Dictionary<string, object>
    {
        ["instance-id"] = identity.InstanceId,
        ["local-hostname"] = identity.Hostname,
    });

    /// <summary>
    /// Version 2 network config, or null when there is nothing to say: DHCP on a card of unknown MAC with no DNS of its
    /// own is what cloud-init's fallback does anyway, on every renderer. A card matched by name ("e*") instead is
    /// honoured only by netplan and systemd-networkd renderers; ifupdown and sysconfig configure an interface named
    /// after the config entry, which does not exist.
    /// </summary>
    private static string? NetworkConfig(MachineIdentity identity)
    {
        var network = identity.Network;
        if (network is DhcpNetwork && network.MacAddress is null && network.DnsServers.Count == 0 && identity.Domain is null)
        {
            return null;
        }

        var ethernet = new Dictionary<string, object>
        {
            ["match"] = network.MacAddress is { } mac
                ? new Dictionary<string, object> { ["macaddress"] = mac.Replace('-', ':').ToLowerInvariant() }
                : new Dictionary<string, object> { ["name"] = "e*" },
        };
        if (network is StaticNetwork fixedAddress)
        {
            var v6 = fixedAddress.Address.AddressFamily == AddressFamily.InterNetworkV6;
            ethernet["dhcp4"] = false;
            ethernet["addresses"] = new List<object> { fixedAddress.Cidr };
            if (fixedAddress.Gateway is { } gateway && v6)
            {
                // Not a route "to: ::/0": cloud-init before 23.1 (Debian 12 has 22.4) renders that as ::/64. gateway6 is
                // read by every version and renderer.
                ethernet["gateway6"] = gateway.ToString();
            }
            else if (fixedAddress.Gateway is { } gateway4)
            {
                // An explicit default route rather than "default" or gateway4: every cloud-init version and renderer reads it.
                ethernet["routes"] = new List<object>
                {
                    new Dictionary<string, object> { ["to"] = "0.0.0.0/0", ["via"] = gateway4.ToString() },
                };
            }
        }
        else
        {
            ethernet["dhcp4"] = true;
        }

        var nameservers = new Dictionary<string, object>();
        if (network.DnsServers.Count > 0)
        {
            nameservers["addresses"] = network.DnsServers.Select(a => (object)a.ToString()).ToList();
        }

        if (identity.Domain is { } domain)
        {
            nameservers["search"] = new List<object> { domain };
        }

        if (nameservers.Count > 0)
        {
            ethernet["nameservers"] = nameservers;
        }

        return CloudConfigYaml.Serialize(new Dictionary<string, object>
        {
            ["version"] = 2,
            ["ethernets"] = new Dictionary<string, object> { ["primary"] = ethernet },
        });
    }

    private static string ParametersFile(SoftwareConfiguration configuration)
    {
        var text = new StringBuilder("# Deployment parameters written by the portal (secrets are never written here).\n");
        foreach (var setting in DataParameters(configuration))
        {
            // Single quotes: nothing inside is expanded; a quote is closed, escaped and reopened, which sh and systemd both read.
            text.Append(VariableName(setting.Name)).Append("='").Append(setting.Value!.Replace("'", @"'\''", StringComparison.Ordinal)).Append("'\n");
        }

        return text.ToString();
    }

    private static IEnumerable<ParameterSetting> DataParameters(SoftwareConfiguration configuration) =>
        configuration.Settings.Where(s => !s.IsSecret && s.Type != ParameterType.Secret && s.Value is not null && !MachineParameters.All.Contains(s.Name));

    private static string VariableName(string parameterName) => parameterName.Replace('.', '_').Replace('-', '_');
}
