using Bunit;
using Portal.Web.Quotas;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Portal.Data;
using Portal.Data.Approvals;
using Portal.Data.Configuration;
using Portal.Data.Deployments;
using Portal.Data.Inventory;
using Portal.Data.Library;
using Portal.Data.Requests;
using Portal.Domain.Deployments;
using Portal.Domain.Inventory;
using Portal.Domain.Security;
using Portal.Provisioning;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Inventory;
using Portal.Provisioning.Requests;
using Portal.Provisioning.Simulation;
using Portal.Web.Admin.Audit;
using Portal.Web.Leases;
using Portal.Web.Provisioning;
using Portal.Web.Requests;
using Portal.Web.Workflows;
using Portal.Workflows.Activities;

namespace Portal.Web.Tests.Provisioning;

/// <summary>
/// A bUnit context for the provisioning pages over a running portal on the simulated datacenter. bUnit's own
/// container always answers <see cref="IServiceScopeFactory"/>, so the stores and services the pages resolve are
/// registered here as the portal registers them (scoped, one DbContext per scope) on the same database, with the
/// portal's singletons where state is shared (activities, drivers, data protection keys); the portal's worker runs
/// the deployments meanwhile. The driver catalog is the portal's kind over the portal's drivers, with a mode of
/// its own (<see cref="Drivers"/>), so a test can show the pages real infrastructure.
/// </summary>
public abstract class ProvisioningPagesTestContext : BunitContext
{
    /// <summary>Rendering and data loading run on other threads; two busy cores need more than bUnit's default second.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <param name="portal">The running portal whose database and singletons the pages share.</param>
    /// <param name="more">Registers what a page area needs besides (its services), before the container is built.</param>
    protected ProvisioningPagesTestContext(ProvisioningPortal portal, Action<IServiceCollection>? more = null)
    {
        Portal = portal;
        var host = portal.Factory.Services;
        Auth = AddAuthorization();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddPortalDatabase(host.GetRequiredService<DatabaseSettings>());
        Services.AddSingleton(TimeProvider.System);
        // The engine's settings bind Portal:Workflows: none here, so the defaults.
        Services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Services.AddPortalWorkflows();
        Services.AddSingleton(host.GetRequiredService<ActivityRegistry>());
        Services.AddSingleton(host.GetRequiredService<IDataProtectionProvider>());
        Services.AddSingleton<IDriverCatalog>(new DriverCatalog(Options.Create(Drivers), host.GetServices<IPlatformDriverFactory>()));
        Services.AddSingleton(host.GetRequiredService<IBootLinks>());
        Services.AddSingleton(host.GetRequiredService<IOptions<ProvisioningOptions>>());
        Services.AddScoped<ImageStore>();
        Services.AddScoped<IImageCatalog, EfImageCatalog>();
        Services.AddScoped<IInventoryStore, EfInventoryStore>();
        Services.AddScoped<IDeploymentStore, EfDeploymentStore>();
        Services.AddScoped<IWriterSessionStore, EfWriterSessionStore>();
        Services.AddScoped<Provisioner>();
        Services.AddScoped<Portal.Provisioning.Servers.ServerLifecycle>();
        Services.AddScoped<ProvisioningWorkflows>();
        Services.AddLeaseBook();
        Services.AddScoped<DeploymentListReader>();
        Services.AddScoped<InventoryListReader>();
        Services.AddScoped<DeploymentAdministration>();
        Services.AddScoped<InventoryMaintenance>();
        Services.AddScoped<InventoryRegistration>();
        Services.AddScoped<IRequestStore, EfRequestStore>();
        Services.AddPortalQuotas();
        Services.AddScoped<ITaskDecisionStore, EfTaskDecisionStore>();
        Services.AddScoped<RequestLifecycle>();
        Services.AddScoped<RequestReader>();
        Services.AddPortalAudit();
        Services.AddSingleton(host.GetRequiredService<RequestNotifications>());
        more?.Invoke(Services);

        // Last: it builds the service provider, after which nothing can be registered.
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    protected ProvisioningPortal Portal { get; }

    /// <summary>Simulated, as the portal runs; a test sets <see cref="DriverMode.Real"/> before rendering to see real drivers.</summary>
    protected ProvisioningOptions Drivers { get; } = new();

    protected BunitAuthorizationContext Auth { get; }

    protected static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    protected void SignInAsAdmin() => Auth.SetAuthorized("admin@portal.local").SetRoles(PortalRoles.Admin);

    /// <summary>Works with one of the portal's own scoped services, outside any component.</summary>
    protected async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Deploys Ubuntu as a VM (on the simulated virtual datacenter unless told where), through the same service the pages call.</summary>
    protected async Task<Guid> DeployUbuntuAsync(string hostname, Guid? platformId = null)
    {
        var started = await WithAsync<ProvisioningWorkflows, Portal.Domain.Validation.ValidationResult<Deployment>>(workflows => workflows.DeployAsync(new DeploymentOrder
        {
            ImageId = ProvisioningPortal.Ubuntu,
            Placement = Placement.Virtual,
            PlatformId = platformId ?? ProvisioningPortal.SimulatedVirtual,
            Parameters = new Dictionary<string, string?> { ["hostname"] = hostname, ["adminPassword"] = ProvisioningPortal.Secret },
            RequestedBy = "admin@portal.local",
            AllowUnpublished = true,
        }, Token));
        Assert.True(started.IsValid, string.Join("; ", started.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return started.Value.Id;
    }

    /// <summary>Waits until the portal's worker has brought the deployment to <paramref name="status"/> (as the API shows it).</summary>
    protected async Task<DeploymentView> WaitForDeploymentAsync(Guid id, DeploymentStatus status)
    {
        DeploymentView? view = null;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            view = await WithAsync<DeploymentAdministration, DeploymentView?>(administration => administration.FindAsync(id, Token));
            if (view?.Status == status)
            {
                return view;
            }

            await Task.Delay(100, Token);
        }

        throw new Xunit.Sdk.XunitException($"Deployment {id} did not reach {status}; it is {view?.Status}: {view?.Error}");
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> when it never does.</summary>
    protected static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100, Token);
        }

        throw new Xunit.Sdk.XunitException($"Expected, but it never happened: {what}.");
    }
}
