using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Portal.Data;
using Portal.Data.Configuration;
using Portal.Domain.Security;
using Portal.Web.Workflows;
using Portal.Workflows.Activities;

namespace Portal.Web.Tests.Workflows;

/// <summary>
/// A bUnit context for the workflow instance pages over the running portal's database. bUnit's own container
/// always answers <see cref="IServiceScopeFactory"/>, so the workflow services are registered here as the portal
/// registers them (scoped, one DbContext per scope) on the same database and with the portal's activities; the
/// portal's worker keeps running the instances meanwhile.
/// </summary>
public abstract class WorkflowPagesTestContext : BunitContext
{
    /// <summary>Rendering and data loading run on other threads; two busy cores need more than bUnit's default second.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <param name="portal">The running portal whose database and activities the pages use.</param>
    /// <param name="moreServices">What a test class's pages need besides the workflow services.</param>
    protected WorkflowPagesTestContext(WorkflowPortal portal, Action<IServiceCollection>? moreServices = null)
    {
        Portal = portal;
        Auth = AddAuthorization();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddPortalDatabase(portal.Factory.Services.GetRequiredService<DatabaseSettings>());
        Services.AddSingleton(TimeProvider.System);
        // The engine's settings bind Portal:Workflows: none here, so the defaults.
        Services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Services.AddPortalWorkflows();
        Services.AddSingleton(portal.Factory.Services.GetRequiredService<ActivityRegistry>());
        moreServices?.Invoke(Services);

        // Last: it builds the service provider, after which nothing can be registered.
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    protected WorkflowPortal Portal { get; }

    protected BunitAuthorizationContext Auth { get; }

    protected void SignInAsAdmin() => Auth.SetAuthorized("admin@portal.local").SetRoles(PortalRoles.Admin);

    /// <summary>A definition id no other test uses, so tests share one portal without seeing each other's runs.</summary>
    protected static string UniqueId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
