namespace Portal.Provisioning.Drivers;

/// <summary>
/// This portal process as drivers name it in their records and logs: the workflow engine's node id when the portal
/// runs one, so a driver's record and the engine's lease name the same node.
/// </summary>
public sealed record DriverNode(string Name)
{
    /// <summary>A name unique to this process.</summary>
    public static DriverNode Local { get; } = new($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}");
}
