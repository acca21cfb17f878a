using Portal.Domain.Quotas;

namespace Portal.Provisioning.Requests;

/// <summary>
/// How recording a new request went: recorded; or not, because host names are taken (<see cref="TakenNames"/>) or
/// the requester's quota would be exceeded (<see cref="HeldWhenRefused"/>: what they held, for the numbers).
/// </summary>
public sealed record RequestCreation(IReadOnlyList<string> TakenNames, QuotaAmounts? HeldWhenRefused)
{
    public static RequestCreation Created { get; } = new([], null);

    public bool IsCreated => TakenNames.Count == 0 && HeldWhenRefused is null;
}
