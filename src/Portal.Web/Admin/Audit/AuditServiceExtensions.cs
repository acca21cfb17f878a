using Microsoft.AspNetCore.Components.Server.Circuits;
using Portal.Data.Audit;
using Portal.Domain.Audit;

namespace Portal.Web.Admin.Audit;

public static class AuditServiceExtensions
{
    /// <summary>The audit log (scoped with the stores it writes alongside), who acts (HTTP or circuit), and the reader for admins.</summary>
    public static IServiceCollection AddPortalAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuditContext, PortalAuditContext>();
        services.AddScoped<IAuditLog, EfAuditLog>();
        services.AddScoped<AuditReader>();
        services.AddScoped<CircuitHandler, AuditCircuitHandler>();
        return services;
    }
}
