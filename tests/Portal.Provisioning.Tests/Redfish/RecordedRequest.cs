namespace Portal.Provisioning.Tests.Redfish;

/// <summary>One request as the fake BMC received it, with its query string and when it came.</summary>
internal sealed record RecordedRequest(string Method, string Path, string? AuthToken, string? Authorization, string? IfMatch, string Body)
{
    public string Query { get; init; } = string.Empty;

    public DateTimeOffset At { get; init; }
}
