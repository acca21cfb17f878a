using Portal.Web.Approvals;

namespace Portal.Web.Requests;

public static class RequestServiceExtensions
{
    /// <summary>The self-service journey's readers and the approval inbox (the services they use come with provisioning).</summary>
    public static IServiceCollection AddPortalRequests(this IServiceCollection services)
    {
        services.AddScoped<RequestReader>();
        services.AddScoped<ApprovalInbox>();
        services.AddHostedService<DecisionRedelivery>();
        return services;
    }
}
