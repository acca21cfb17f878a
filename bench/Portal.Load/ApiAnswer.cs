using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Portal.Load;

/// <summary>An answer of the portal: its status (null when none came in time), its body, and how long it took.</summary>
public sealed record ApiAnswer(HttpStatusCode? Status, string Body, double Milliseconds)
{
    public bool IsSuccess => Status is { } s && (int)s is >= 200 and < 300;

    /// <summary>The status code, or "timeout/no answer".</summary>
    public string Kind => Status is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "timeout/no answer";

    public JsonObject Json() => JsonNode.Parse(Body)!.AsObject();
}
