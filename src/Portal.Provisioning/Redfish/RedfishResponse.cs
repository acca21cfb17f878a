using System.Net;
using System.Text.Json.Nodes;

namespace Portal.Provisioning.Redfish;

/// <summary>A successful answer: its JSON body (empty object when none) and the headers the client acts on.</summary>
internal sealed record RedfishResponse(HttpStatusCode StatusCode, JsonObject Body, string? ETag, Uri? Location)
{
    /// <summary>The X-Auth-Token of a login answer. Kept out of the record's printed members on purpose.</summary>
    public string? AuthToken { get; init; }

    /// <summary>How long the BMC asked the client to wait before asking again (Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public override string ToString() => $"{(int)StatusCode} {Body["@odata.id"]}";
}
