using Portal.Domain.Requests;

namespace Portal.Provisioning.Requests;

/// <summary>
/// What a request would do, before it is submitted: the servers' names, the plan of the first one in words,
/// the platform it would most likely land on, and what it takes in all.
/// </summary>
public sealed record RequestPreview(IReadOnlyList<string> Hostnames, IReadOnlyList<string> Plan, string TargetName, RequestDemand Demand);
