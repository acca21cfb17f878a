using System.Runtime.CompilerServices;

namespace Portal.Data.Workflows;

/// <summary>
/// One gate per <see cref="PortalDbContext"/>: a context takes one operation at a time, and a node's worker runs several
/// steps at once over one scope, whose definition and instance stores share the context. Both stores pass through the
/// same gate, so a step's definition lookup never overlaps another step's commit or heartbeat.
/// </summary>
internal static class ContextGate
{
    private static readonly ConditionalWeakTable<PortalDbContext, SemaphoreSlim> Gates = new();

    public static SemaphoreSlim For(PortalDbContext db) => Gates.GetValue(db, static _ => new SemaphoreSlim(1, 1));
}
