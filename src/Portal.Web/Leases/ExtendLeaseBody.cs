namespace Portal.Web.Leases;

/// <summary>The body of POST /api/servers/{id}/extend: days added to the current end, or the new end (until); one of the two.</summary>
public sealed record ExtendLeaseBody(int? Days, DateTimeOffset? Until);
