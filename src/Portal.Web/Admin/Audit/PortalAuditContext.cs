using Portal.Domain.Audit;

namespace Portal.Web.Admin.Audit;

/// <summary>
/// The actor of whatever the portal is serving now: the Blazor circuit's user while one of its events runs
/// (<see cref="AuditCircuitHandler"/> says so), else the HTTP request's caller, else the portal itself (background work).
/// </summary>
public sealed class PortalAuditContext(IHttpContextAccessor http) : IAuditContext
{
    private static readonly AsyncLocal<AuditActor?> CircuitActor = new();

    public AuditActor Current => CircuitActor.Value ?? (http.HttpContext is { } context ? AuditActors.Of(context) : AuditActor.System);

    /// <summary>
    /// Makes <paramref name="actor"/> the current one for the work started by the caller and awaited in it. Pages take a
    /// service scope of their own per action, so a scoped holder would not reach the services; the execution context does.
    /// </summary>
    internal static void EnterCircuit(AuditActor actor) => CircuitActor.Value = actor;
}
