using Portal.Domain.Library;

namespace Portal.Provisioning.Drivers;

/// <summary>Gives a machine its per-deployment configuration (cloud-init or an answer file), secrets included, never logged.</summary>
public interface ISoftwareConfigurator
{
    Task ConfigureAsync(string idempotencyKey, MachineRef machine, SoftwareConfiguration software, CancellationToken cancellationToken);
}
