using Portal.Data.Quotas;
using Portal.Provisioning.Quotas;

namespace Portal.Web.Quotas;

public static class QuotaServiceExtensions
{
    /// <summary>Quotas per role and per user: the store, the policy submissions and releases go through, and the demo defaults.</summary>
    public static IServiceCollection AddPortalQuotas(this IServiceCollection services)
    {
        services.AddScoped<IQuotaStore, EfQuotaStore>();
        services.AddScoped<QuotaPolicy>();
        services.AddScoped<QuotaSeeder>();
        return services;
    }
}
