using Portal.Domain.Deployments;
using Portal.Domain.Library;

namespace Portal.Provisioning.Deployments;

/// <summary>
/// A deployment checked and ready to record: the record, its secret values (kept apart, protected by the store),
/// the plan it was checked against, and the field a taken host name is reported on.
/// </summary>
public sealed record PreparedDeployment(Deployment Deployment, IReadOnlyDictionary<string, string> Secrets, DeploymentPlan Plan, string HostnameField)
{
    /// <summary>Names only: the secrets' values must never be printed.</summary>
    public override string ToString() => $"PreparedDeployment {{ Id = {Deployment.Id}, Hostname = {Deployment.Hostname}, Secrets = [{string.Join(", ", Secrets.Keys)}] }}";
}
