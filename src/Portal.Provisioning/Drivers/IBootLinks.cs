namespace Portal.Provisioning.Drivers;

/// <summary>Issues a deployment's secret, expiring boot links: the iPXE script URL and the writer's callback URL.</summary>
public interface IBootLinks
{
    BootRequest Create(Guid deploymentId);
}
