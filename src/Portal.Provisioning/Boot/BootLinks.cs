using Portal.Provisioning.Drivers;

namespace Portal.Provisioning.Boot;

/// <summary>A deployment's boot links: {portal}/api/boot/{token}/script and …/callback, the token naming the deployment and expiring.</summary>
public sealed class BootLinks(BootOptions options, BootTokens tokens) : IBootLinks
{
    public BootRequest Create(Guid deploymentId)
    {
        var token = tokens.Issue(deploymentId, options.TokenLifetime);
        var root = options.PortalBaseUrl ?? throw new InvalidOperationException($"{BootOptions.Section}:PortalBaseUrl is not set.");
        return new BootRequest(deploymentId, new Uri(root, $"api/boot/{token}/script"), new Uri(root, $"api/boot/{token}/callback"));
    }
}
