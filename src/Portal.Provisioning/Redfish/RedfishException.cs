using System.Net;

namespace Portal.Provisioning.Redfish;

/// <summary>
/// The BMC refused or could not do what was asked. The message names the BMC, the request and the BMC's own
/// words (error.@Message.ExtendedInfo[].Message); it never carries the password or a session token.
/// </summary>
public sealed class RedfishException : Exception
{
    public RedfishException(string message, HttpStatusCode? statusCode = null, IReadOnlyList<string>? bmcMessages = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        BmcMessages = bmcMessages ?? [];
    }

    /// <summary>The HTTP status the BMC answered with; null when no answer came or the client refused before asking.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The BMC's messages, with any echo of the credentials masked.</summary>
    public IReadOnlyList<string> BmcMessages { get; }
}
