namespace Portal.Provisioning.Tests.Redfish;

/// <summary>One request as the fake BMC received it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string? AuthToken, string? Authorization, string? IfMatch, string Body);
