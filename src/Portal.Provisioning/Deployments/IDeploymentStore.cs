using Portal.Domain.Deployments;

namespace Portal.Provisioning.Deployments;

/// <summary>Deployments and the servers they produced. Secret parameter values are stored protected, apart from the deployment.</summary>
public interface IDeploymentStore
{
    /// <summary>
    /// Records a deployment with its secrets and claims its host name (when it has one) in one transaction. Returns
    /// the name when another deployment holds it already (nothing is recorded then), else nothing.
    /// </summary>
    Task<IReadOnlyList<string>> CreateAsync(Deployment deployment, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken);

    /// <summary>The names among <paramref name="hostnames"/> that a live server bears or a deployment has claimed (case-insensitive).</summary>
    Task<IReadOnlyList<string>> HostnamesInUseAsync(IReadOnlyCollection<string> hostnames, CancellationToken cancellationToken);

    /// <summary>Gives back the host name a deployment claimed (its server is gone, or it never will be). Safe to repeat.</summary>
    Task ReleaseHostnameAsync(Guid deploymentId, CancellationToken cancellationToken);

    /// <summary>
    /// The secrets the portal generated for a deployment, the first time they are asked for; null every time after
    /// (or when there were none). The first caller wins even when two ask at once.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>?> RevealGeneratedSecretsAsync(Guid deploymentId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>When the generated secrets were shown, if they were.</summary>
    Task<DateTimeOffset?> GeneratedSecretsRevealedAtAsync(Guid deploymentId, CancellationToken cancellationToken);

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
