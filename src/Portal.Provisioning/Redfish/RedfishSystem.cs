namespace Portal.Provisioning.Redfish;

/// <summary>What the portal reads of a ComputerSystem.</summary>
public sealed record RedfishSystem
{
    /// <summary>The system's Id, e.g. "1" or "System.Embedded.1".</summary>
    public required string Id { get; init; }

    /// <summary>Its @odata.id, the path every operation on it starts from.</summary>
    public required string Path { get; init; }

    public required PowerState PowerState { get; init; }

    /// <summary>Boot.BootSourceOverrideTarget as the BMC reports it, e.g. "Pxe" or "None".</summary>
    public string? BootSourceOverrideTarget { get; init; }

    /// <summary>Boot.BootSourceOverrideEnabled: "Disabled", "Once" or "Continuous".</summary>
    public string? BootSourceOverrideEnabled { get; init; }
}
