namespace Portal.Provisioning.Telemetry;

/// <summary>What every span of one platform's driver calls carries.</summary>
internal sealed record DriverSpanTags(string Platform, string Driver);
