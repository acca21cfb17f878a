using Portal.Data.Dashboards;

namespace Portal.Web.Dashboard;

public static class DashboardServiceExtensions
{
    public static IServiceCollection AddPortalDashboards(this IServiceCollection services)
    {
        services.AddScoped<DashboardStatistics>();
        services.AddScoped<DashboardReader>();
        return services;
    }
}
