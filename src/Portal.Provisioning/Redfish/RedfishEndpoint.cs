using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Validation;

namespace Portal.Provisioning.Redfish;

/// <summary>
/// One BMC and how to reach it. The password is a <see cref="SecretValue"/> so that this record's ToString,
/// logs and serialisers show the mask, never the password.
/// </summary>
public sealed record RedfishEndpoint
{
    /// <summary>
    /// The BMC's address, e.g. https://10.0.0.21 — the service root is /redfish/v1/ on that host. It may name one
    /// system instead (https://10.0.0.21/redfish/v1/Systems/2), which is then the system managed.
    /// </summary>
    public required Uri BaseUri { get; init; }

    public required string UserName { get; init; }

    public required SecretValue Password { get; init; }

    public RedfishAuth Auth { get; init; } = RedfishAuth.Session;

    /// <summary>
    /// Hex SHA-256 of the BMC's leaf certificate (colons allowed). When set, the TLS handshake is accepted only
    /// when the presented certificate has this hash — even a self-signed one, and whatever name it carries,
    /// since BMCs are usually reached by address. When not set, the operating system's validation applies.
    /// </summary>
    public string? CertificateSha256 { get; init; }

    /// <summary>
    /// The ComputerSystem Id to manage; null: the one <see cref="BaseUri"/> names, else the only member of the
    /// Systems collection (a BMC with several and none chosen is an error naming them).
    /// </summary>
    public string? SystemId { get; init; }

    /// <summary>How long one request may take. BMCs are slow; a reset or an insert can take tens of seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long an operation the BMC accepted as a task (202 Accepted with a task monitor) may run before the
    /// client gives up on it: a firmware-backed media mount or a power cycle of a large server takes minutes.
    /// </summary>
    public TimeSpan TaskTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The system to manage: <see cref="SystemId"/>, else the one the address names, else null.</summary>
    public string? ChosenSystemId =>
        SystemId ?? (BmcEndpoint.TryReadSystemId(BaseUri, out var named) ? named : null);

    public IEnumerable<ValidationError> Validate(string field)
    {
        if (!BaseUri.IsAbsoluteUri || BaseUri.Scheme != Uri.UriSchemeHttps)
        {
            // Plain HTTP would send the BMC password (Basic) or the login body (Session) in clear text.
            yield return new ValidationError($"{field}.baseUri", "The BMC address must be an absolute https:// URL.");
        }
        else if (!BmcEndpoint.TryReadSystemId(BaseUri, out var named))
        {
            yield return new ValidationError($"{field}.baseUri", "The BMC address is the BMC itself or one system's URL (/redfish/v1/Systems/{id}).");
        }
        else if (named is not null && SystemId is not null && named != SystemId)
        {
            yield return new ValidationError($"{field}.systemId", $"The address names system {named}, the system Id {SystemId}.");
        }

        if (string.IsNullOrWhiteSpace(UserName))
        {
            yield return new ValidationError($"{field}.userName", "A user name is required.");
        }
        else if (Auth == RedfishAuth.Basic && UserName.Contains(':', StringComparison.Ordinal))
        {
            yield return new ValidationError($"{field}.userName", "HTTP Basic cannot carry a user name that contains ':'.");
        }

        if (string.IsNullOrEmpty(Password.Reveal()))
        {
            yield return new ValidationError($"{field}.password", "A password is required.");
        }

        if (CertificateSha256 is not null && NormalizeSha256(CertificateSha256) is null)
        {
            yield return new ValidationError($"{field}.certificateSha256", "A certificate pin is 64 hexadecimal characters (colons between bytes are allowed).");
        }

        if (SystemId is not null && (SystemId.Length == 0 || SystemId.Contains('/', StringComparison.Ordinal)))
        {
            yield return new ValidationError($"{field}.systemId", "A system Id is a single path segment, e.g. \"1\".");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            yield return new ValidationError($"{field}.timeout", "The timeout must be positive.");
        }

        if (TaskTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationError($"{field}.taskTimeout", "The task timeout must be positive.");
        }
    }

    /// <summary>Lower-case hex without separators, or null when the text is not a SHA-256.</summary>
    internal static string? NormalizeSha256(string text)
    {
        var hex = text.Replace(":", string.Empty, StringComparison.Ordinal).Trim().ToLowerInvariant();
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit) ? hex : null;
    }
}
