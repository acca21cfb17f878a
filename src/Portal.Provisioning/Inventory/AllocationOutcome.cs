using Portal.Domain.Inventory;

namespace Portal.Provisioning.Inventory;

/// <summary>A reservation, or why nothing fits (one line per candidate, for the incident and the requester).</summary>
public sealed record AllocationOutcome(Reservation? Reservation, IReadOnlyList<string> Reasons)
{
    public bool Succeeded => Reservation is not null;

    public static AllocationOutcome Reserved(Reservation reservation) => new(reservation, []);

    public static AllocationOutcome NoCapacity(IReadOnlyList<string> reasons) => new(null, reasons);
}
