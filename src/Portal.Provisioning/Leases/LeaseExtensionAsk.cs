namespace Portal.Provisioning.Leases;

/// <summary>An extension as asked: by a number of days added to the current end, or to a new end date.</summary>
public sealed record LeaseExtensionAsk(int? Days, DateTimeOffset? Until);
