using Portal.Domain.Deployments;

namespace Portal.Data.Deployments;

/// <summary>One page of deployed servers, in name order, and how many match in all.</summary>
public sealed record DeployedServerPage(IReadOnlyList<DeployedServer> Items, int Total);
