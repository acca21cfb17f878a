using Portal.Domain.Library;
using Portal.Domain.Validation;

namespace Portal.Domain.Inventory;

/// <summary>A bare-metal server in a physical pool (a platform of kind Physical), reached through its BMC.</summary>
public sealed record PhysicalServer
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The physical platform (pool) it belongs to: its boot-server technology and capabilities.</summary>
    public required Guid PlatformId { get; init; }

    public required ServerFacts Facts { get; init; }

    public required BmcEndpoint Bmc { get; init; }

    public PlatformTechnology BootTechnology { get; init; } = PlatformTechnology.Pxe;

    public ServerState State { get; init; } = ServerState.Available;

    public Guid? ReservationId { get; init; }

    /// <summary>Why the server is in its state, when the portal took it out of the pool (Failed): what an admin reads before putting it back.</summary>
    public string? StateReason { get; init; }

    public string? Rack { get; init; }

    public bool IsAllocatable => State == ServerState.Available;

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add(new("name", "A server needs a name."));
        }

        if (Facts.CpuCores < 1)
        {
            errors.Add(new("facts.cpuCores", "A server has at least one CPU core."));
        }

        if (Facts.Memory.Normalized <= 0 || !Facts.Memory.IsSize)
        {
            errors.Add(new("facts.memory", "Memory is a size greater than zero (e.g. 64 GiB)."));
        }

        if (Facts.Disks.Count == 0 || Facts.Disks.Any(d => d.Normalized <= 0 || !d.IsSize))
        {
            errors.Add(new("facts.disks", "A server needs at least one disk, each a size greater than zero."));
        }

        if (Facts.Nics.Count == 0)
        {
            errors.Add(new("facts.nics", "A server needs at least one NIC: the boot server recognises it by its MAC."));
        }

        foreach (var (nic, i) in Facts.Nics.Select((n, i) => (n, i)).Where(x => !MacAddress.IsValid(x.n.MacAddress)))
        {
            errors.Add(new($"facts.nics[{i}].macAddress", $"'{nic.MacAddress}' is not a MAC address (six hex pairs separated by colons)."));
        }

        if (!Bmc.Address.IsAbsoluteUri || Bmc.Address.Scheme != "https")
        {
            // Refused here, at registration, rather than when a deployment first reaches the BMC: over plain http
            // the BMC password (basic auth) or the session login would cross the network in clear text.
            errors.Add(new("bmc.address", Bmc.Address.IsAbsoluteUri && Bmc.Address.Scheme == "http"
                ? "The BMC address must be https://: over http the BMC password would cross the network in clear text."
                : "The BMC address is an https URL, e.g. https://10.0.0.21."));
        }
        else if (!BmcEndpoint.TryReadSystemId(Bmc.Address, out _))
        {
            errors.Add(new("bmc.address", "The BMC address is the BMC itself (https://10.0.0.21) or, on a BMC with several systems, one system's URL (https://10.0.0.21/redfish/v1/Systems/2)."));
        }

        if (string.IsNullOrWhiteSpace(Bmc.UserName))
        {
            errors.Add(new("bmc.userName", "The BMC needs a user name."));
        }

        return errors;
    }
}
