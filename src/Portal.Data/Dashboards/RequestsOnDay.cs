using Portal.Domain.Requests;

namespace Portal.Data.Dashboards;

/// <summary>How many of the requests submitted on one UTC day stand at one status now.</summary>
public sealed record RequestsOnDay(DateOnly Day, RequestStatus Status, int Count);
