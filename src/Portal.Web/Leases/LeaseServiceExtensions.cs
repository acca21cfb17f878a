using Portal.Data.Identity;
using Portal.Data.Leases;
using Portal.Provisioning.Leases;

namespace Portal.Web.Leases;

public static class LeaseServiceExtensions
{
    /// <summary>Leases: the store, the book (open, read, extend), policy administration, and the keeper that reminds and decommissions.</summary>
    public static IServiceCollection AddPortalLeases(this IServiceCollection services)
    {
        services.AddOptions<LeaseOptions>().BindConfiguration(LeaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddLeaseBook();
        services.AddScoped<LeaseSweep>();
        services.AddScoped<LeasePolicyAdministration>();
        services.AddHostedService<LeaseKeeper>();
        return services;
    }

    /// <summary>What submitting a request or deploying needs (pages' test contexts register only this).</summary>
    public static IServiceCollection AddLeaseBook(this IServiceCollection services)
    {
        services.AddScoped<ILeaseStore, EfLeaseStore>();
        services.AddScoped<IUserRoles, EfUserRoles>();
        services.AddScoped<LeaseNotices>();
        services.AddScoped<LeaseBook>();
        return services;
    }
}
