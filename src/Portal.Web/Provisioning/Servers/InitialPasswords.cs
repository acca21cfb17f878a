using System.Security.Claims;
using Portal.Provisioning.Deployments;
using Portal.Web.Requests;

namespace Portal.Web.Provisioning.Servers;

/// <summary>
/// The passwords the portal generated for a server (a secret parameter the image marks <c>Generate</c>), shown once to
/// the server's owner and to nobody else, not even an admin. My servers and the API share these rules.
/// </summary>
public static class InitialPasswords
{
    /// <summary>Whether the server has generated secrets and whether they were shown.</summary>
    public static async Task<InitialPasswordState> StateAsync(IDeploymentStore deployments, Guid deploymentId, CancellationToken cancellationToken) =>
        await deployments.FindAsync(deploymentId, cancellationToken) is { GeneratedSecrets.Count: > 0 }
            ? new InitialPasswordState(true, await deployments.GeneratedSecretsRevealedAtAsync(deploymentId, cancellationToken))
            : InitialPasswordState.None;

    /// <summary>
    /// The values, the first time the owner asks (the first of two asking at once wins); when they were shown every time
    /// after; nothing for anyone else or a server without generated secrets.
    /// </summary>
    public static async Task<InitialPasswordReveal> RevealAsync(
        IDeploymentStore deployments, IImageCatalog library, ClaimsPrincipal user, Guid serverId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var server = await deployments.FindServerAsync(serverId, cancellationToken);
        if (server is null || !ServerAccess.IsOwner(user, server.Owner)
            || await deployments.FindAsync(server.DeploymentId, cancellationToken) is not { GeneratedSecrets.Count: > 0 })
        {
            return InitialPasswordReveal.Missing;
        }

        if (await deployments.RevealGeneratedSecretsAsync(server.DeploymentId, now, cancellationToken) is not { } secrets)
        {
            return new InitialPasswordReveal(null, await deployments.GeneratedSecretsRevealedAtAsync(server.DeploymentId, cancellationToken) ?? now, server.Name);
        }

        var parameters = (await library.FindImageAsync(server.ImageId, cancellationToken))?.Software.Parameters ?? [];
        return new InitialPasswordReveal(new InitialSecretsView(server.Id, server.Name, secrets.Select(s => new InitialSecretView(
            s.Key,
            RequestPageText.ParameterLabel(s.Key, parameters.FirstOrDefault(p => p.Name.Equals(s.Key, StringComparison.OrdinalIgnoreCase))),
            s.Value)).ToList()), null, server.Name);
    }
}
