using Portal.Domain.Library;

namespace Portal.Provisioning.Drivers;

/// <summary>Writes an image to a machine's disk, and erases it when the machine is decommissioned.</summary>
public interface IImageWriter
{
    Task<WriteResult> WriteAsync(string idempotencyKey, MachineRef machine, ImageArtifact artifact, BootRequest? boot, CancellationToken cancellationToken);

    Task EraseAsync(MachineRef machine, CancellationToken cancellationToken);
}
