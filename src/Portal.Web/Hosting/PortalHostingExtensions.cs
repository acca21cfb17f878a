using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Portal.Web.Account;
using Portal.Web.ApiDocs;
using Portal.Web.Admin.Audit;
using Portal.Web.Admin.Users;
using Portal.Web.Library;
using Portal.Web.Notifications;
using Portal.Web.Approvals;
using Portal.Web.Dashboard;
using Portal.Web.Hosting.Http;
using Portal.Web.Leases;
using Portal.Web.Provisioning;
using Portal.Web.Quotas;
using Portal.Web.Requests;
using Portal.Web.Shell;
using Portal.Web.Telemetry;
using Portal.Web.Tokens;
using Portal.Web.Workflows;

namespace Portal.Web.Hosting;

/// <summary>The composition root: each area registers itself, Program.cs only calls these two.</summary>
public static class PortalHostingExtensions
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        builder.UseDefaultListenAddress();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.AddPortalHttpSecurity();
        builder.AddPortalStorage();
        builder.AddPortalAccounts();
        builder.AddPersonalAccessTokens();
        builder.Services.AddPortalApiDocs();
        builder.AddPortalShell();
        builder.Services.AddUserAdministration();
        builder.Services.AddPortalAudit();
        builder.Services.AddPortalNotifications();
        builder.Services.AddImageLibrary();
        builder.Services.AddPortalWorkflows();
        builder.Services.AddPortalProvisioning();
        builder.Services.AddPortalRequests();
        builder.Services.AddPortalDashboards();
        builder.Services.AddPortalQuotas();
        builder.Services.AddPortalLeases();
        builder.AddPortalTelemetry();
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UsePortalHttpSecurity();

        // Inside the error pages: a database outage is a 503 with Retry-After in every environment, not an error page.
        app.UseMiddleware<DatabaseOutageMiddleware>();

        // Explicit, so the status code pages sit before routing and authorization (see UnknownAddresses).
        app.UseUnknownAddressPages();
        app.UseRouting();
        app.UseAccountRateLimits();
        app.UseAuthentication();
        app.UseAccessTokenRateLimit();
        app.UseAuthorization();
        app.UseAntiforgery();

        // Load balancers probe this without signing in; it says only Healthy or Unhealthy.
        app.MapHealthChecks("/health", new HealthCheckOptions()).AllowAnonymous();
        app.MapStaticAssets().AllowAnonymous();
        app.MapPortalAccountEndpoints();
        app.MapLibraryApi();
        app.MapWorkflowApi();
        app.MapProvisioningApi();
        app.MapRequestsApi();
        app.MapApprovalsApi();
        app.MapAuditApi();
        app.MapTokensApi();
        app.MapPortalApiDocs();
        app.MapQuotasApi();
        app.MapNotificationsApi();
        app.MapLeasesApi();
        app.MapPortalMetrics();
        app.MapPortalShell();
        app.MapUnknownAddresses();
        return app;
    }
}
