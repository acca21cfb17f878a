using Portal.Domain.Inventory;
using Portal.Domain.Library;

namespace Portal.Provisioning.Inventory;

/// <summary>
/// One allocation: the demand, where it may go (kinds in order, optionally one platform), how long the
/// hold lasts, and the step's idempotency key, so a re-delivered allocation returns the first one's hold.
/// </summary>
public sealed record AllocationRequest(
    string Key, Guid DeploymentId, AllocationDemand Demand, IReadOnlyList<PlatformKind> Kinds, TimeSpan Lifetime,
    IReadOnlyCollection<Guid>? Platforms = null);
