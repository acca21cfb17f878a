using Portal.Web.Approvals;
using Portal.Web.Hosting;

namespace Portal.Web.Requests;

public static class RequestServiceExtensions
{
    /// <summary>The self-service journey's readers and the approval inbox (the services they use come with provisioning).</summary>
    public static IServiceCollection AddPortalRequests(this IServiceCollection services)
    {
        services.AddScoped<RequestReader>();
        services.AddScoped<ApprovalInbox>();
        services.AddScoped<WaitingTaskCounter>(sp =>
        {
            var scopes = sp.GetRequiredService<IServiceScopeFactory>();
            return (user, ct) => scopes.WithAsync<ApprovalInbox, int>(inbox => inbox.CountAsync(user, ct));
        });
        services.AddScoped<WaitingTasksBadge>();
        services.AddHostedService<DecisionRedelivery>();
        return services;
    }
}
