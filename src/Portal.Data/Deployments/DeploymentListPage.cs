namespace Portal.Data.Deployments;

/// <summary>One page of deployments, the newest first, and how many there are in all.</summary>
public sealed record DeploymentListPage(IReadOnlyList<DeploymentListRow> Items, int Total);
