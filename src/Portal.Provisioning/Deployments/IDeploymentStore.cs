using Portal.Domain.Deployments;

namespace Portal.Provisioning.Deployments;

/// <summary>Deployments and the servers they produced. Secret parameter values are stored protected, apart from the deployment.</summary>
public interface IDeploymentStore
{
    Task CreateAsync(Deployment deployment, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken);

    Task<Deployment?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Applies a change to the stored deployment (read, change, write under its concurrency token; retried on conflict).</summary>
    Task<Deployment> UpdateAsync(Guid id, Func<Deployment, Deployment> change, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, string>> SecretsAsync(Guid deploymentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Deployment>> ListAsync(string? requestedBy, int take, CancellationToken cancellationToken);

    Task SaveServerAsync(DeployedServer server, CancellationToken cancellationToken);

    Task<DeployedServer?> FindServerAsync(Guid id, CancellationToken cancellationToken);

    Task<DeployedServer?> FindServerByDeploymentAsync(Guid deploymentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeployedServer>> ServersAsync(string? owner, CancellationToken cancellationToken);
}
