namespace Portal.Provisioning.Drivers;

/// <summary>Reads a machine's hardware and copies its disk, so that it can become a master image.</summary>
public interface ICaptureDriver
{
    Task<CapturedDisk> CaptureAsync(string idempotencyKey, MachineRef machine, CancellationToken cancellationToken);
}
