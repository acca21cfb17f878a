using Portal.Domain.Library;

namespace Portal.Domain.Inventory;

/// <summary>
/// How the portal reaches a server's baseboard management controller (Redfish). The password is a
/// <see cref="SecretValue"/>: shown and logged as the mask, revealed only to the driver that logs in.
/// </summary>
public sealed record BmcEndpoint
{
    public required Uri Address { get; init; }

    public required string UserName { get; init; }

    public required SecretValue Password { get; init; }

    /// <summary>Session login (X-Auth-Token) rather than basic auth on every call.</summary>
    public bool UseSession { get; init; } = true;

    /// <summary>Hex SHA-256 of the BMC's certificate: BMCs ship self-signed certificates, a pin trusts exactly one.</summary>
    public string? CertificateSha256 { get; init; }
}
