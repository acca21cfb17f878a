namespace Portal.Web.Provisioning;

/// <summary>One page of deployments as admins see them, and how many there are in all.</summary>
public sealed record DeploymentViewPage(IReadOnlyList<DeploymentView> Items, int Total);
