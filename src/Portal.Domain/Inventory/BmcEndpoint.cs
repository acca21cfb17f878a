using Portal.Domain.Library;

namespace Portal.Domain.Inventory;

/// <summary>
/// How the portal reaches a server's baseboard management controller (Redfish). The password is a
/// <see cref="SecretValue"/>: shown and logged as the mask, revealed only to the driver that logs in.
/// </summary>
public sealed record BmcEndpoint
{
    private const string SystemsPath = "/redfish/v1/Systems/";

    /// <summary>
    /// The BMC's https address, e.g. https://r640-01-idrac.lab; on a BMC that manages several systems (a blade
    /// chassis, a multi-node enclosure) the system's own URL names the one this server is:
    /// https://chassis-bmc.lab/redfish/v1/Systems/2.
    /// </summary>
    public required Uri Address { get; init; }

    public required string UserName { get; init; }

    public required SecretValue Password { get; init; }

    /// <summary>Session login (X-Auth-Token) rather than basic auth on every call.</summary>
    public bool UseSession { get; init; } = true;

    /// <summary>Hex SHA-256 of the BMC's certificate: BMCs ship self-signed certificates, a pin trusts exactly one.</summary>
    public string? CertificateSha256 { get; init; }

    /// <summary>
    /// The system Id an address names (<c>/redfish/v1/Systems/{id}</c>), null for the BMC's root; false when the
    /// path is neither, since a client would otherwise silently manage whatever system comes first.
    /// </summary>
    public static bool TryReadSystemId(Uri address, out string? systemId)
    {
        ArgumentNullException.ThrowIfNull(address);
        systemId = null;
        if (!address.IsAbsoluteUri)
        {
            return false;
        }

        var path = address.AbsolutePath.TrimEnd('/');
        if (path.Length == 0 || path == "/redfish/v1" || path == "/redfish")
        {
            return address.Query.Length == 0 && address.Fragment.Length == 0;
        }

        if (!path.StartsWith(SystemsPath, StringComparison.Ordinal))
        {
            return false;
        }

        var id = Uri.UnescapeDataString(path[SystemsPath.Length..]);
        if (id.Length == 0 || id.Contains('/', StringComparison.Ordinal) || address.Query.Length > 0 || address.Fragment.Length > 0)
        {
            return false;
        }

        systemId = id;
        return true;
    }
}
