namespace Portal.Provisioning.Drivers;

/// <summary>A driver that keeps what a machine writes on its serial console (boot messages, cloud-init's progress).</summary>
public interface IConsoleLog
{
    /// <summary>The end of the machine's console output, at most <paramref name="maxBytes"/>; null when it has written nothing yet.</summary>
    Task<string?> ReadConsoleAsync(MachineRef machine, int maxBytes, CancellationToken cancellationToken);
}
