using Portal.Domain.Validation;

namespace Portal.Domain.Library;

/// <summary>What makes a platform's connection settings usable: the driver fits the platform, the address fits the driver.</summary>
public static class PlatformConnectionRules
{
    /// <summary>libvirt hypervisor drivers the portal's KVM driver speaks to (test is libvirt's in-memory one, for trials).</summary>
    public static IReadOnlyList<string> LibvirtDrivers { get; } = ["qemu", "test"];

    /// <summary>libvirt's remote transports (https://libvirt.org/uri.html): driver+transport://host/path.</summary>
    public static IReadOnlyList<string> LibvirtTransports { get; } = ["unix", "ssh", "libssh", "libssh2", "tcp", "tls", "ext"];

    public static IEnumerable<ValidationError> Validate(Platform platform)
    {
        if (platform.Connection is not { } connection)
        {
            yield break;
        }

        var allowed = DriversFor(platform);
        if (!allowed.Contains(connection.Driver))
        {
            yield return new ValidationError("connection.driver",
                $"A {DisplayNames.Of(platform.Technology)} platform is served by {string.Join(" or ", allowed.Select(DisplayNames.Of))}, not {DisplayNames.Of(connection.Driver)}.");
        }

        switch (connection.Driver)
        {
            case PlatformDriver.Libvirt:
                if (LibvirtUriProblem(connection.Uri) is { } problem)
                {
                    yield return new ValidationError("connection.uri", problem);
                }

                if (connection.HasPassword)
                {
                    // libvirt authenticates through the URI's transport (SSH keys, TLS certificates); a password kept here would never be used.
                    yield return new ValidationError("connection.password",
                        "libvirt connections authenticate through their transport (SSH keys, TLS certificates): put a user in the URI (qemu+ssh://user@host/system), not a password here.");
                }

                break;
            case PlatformDriver.Redfish:
                if (!string.IsNullOrWhiteSpace(connection.Uri)
                    && (!System.Uri.TryCreate(connection.Uri.Trim(), UriKind.Absolute, out var pool) || pool.Scheme != System.Uri.UriSchemeHttps))
                {
                    yield return new ValidationError("connection.uri",
                        "A Redfish service address is an absolute https:// URL: over plain http the BMC password would travel in clear text.");
                }

                if (connection.HasPassword && string.IsNullOrWhiteSpace(connection.UserName))
                {
                    yield return new ValidationError("connection.userName", "A password needs the user name it belongs to.");
                }

                break;
            case PlatformDriver.Simulated:
                break;
        }

        if (connection.IpxeHasHttps && platform.Kind != PlatformKind.Physical)
        {
            yield return new ValidationError("connection.ipxeHasHttps", "Only bare-metal platforms boot through iPXE.");
        }
    }

    /// <summary>The drivers that can serve the platform: the simulated datacenter always, and the real one for its technology.</summary>
    public static IReadOnlyList<PlatformDriver> DriversFor(Platform platform) => platform.Technology switch
    {
        PlatformTechnology.Kvm => [PlatformDriver.Libvirt, PlatformDriver.Simulated],
        PlatformTechnology.Pxe or PlatformTechnology.RedfishVirtualMedia => [PlatformDriver.Redfish, PlatformDriver.Simulated],
        _ => [PlatformDriver.Simulated],
    };

    /// <summary>Why the text is not a libvirt URI the portal can open, or null when it is one.</summary>
    public static string? LibvirtUriProblem(string? uri)
    {
        const string Example = "a libvirt URI such as qemu:///system or qemu+ssh://root@kvm01/system";
        if (string.IsNullOrWhiteSpace(uri))
        {
            return $"A libvirt platform needs {Example}.";
        }

        if (!System.Uri.TryCreate(uri.Trim(), UriKind.Absolute, out var parsed))
        {
            return $"'{uri}' is not {Example}.";
        }

        var parts = parsed.Scheme.Split('+', 2);
        if (!LibvirtDrivers.Contains(parts[0]))
        {
            return $"libvirt's '{parts[0]}' driver does not run KVM guests: use {string.Join(" or ", LibvirtDrivers.Select(d => d + "://"))} ({Example}).";
        }

        if (parts.Length == 2 && !LibvirtTransports.Contains(parts[1]))
        {
            return $"libvirt has no '{parts[1]}' transport: use one of {string.Join(", ", LibvirtTransports)}.";
        }

        return null;
    }
}
