namespace Portal.Domain.Audit;

/// <summary>
/// Who is acting right now and from where: the signed-in user of the HTTP request or Blazor circuit being served,
/// else the portal itself. Lets services record audit entries without knowing about ASP.NET.
/// </summary>
public interface IAuditContext
{
    AuditActor Current { get; }
}
