using AngleSharp.Dom;
using Bunit;
using Portal.Web.Quotas;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using Portal.Data;
using Portal.Data.Configuration;
using Portal.Data.Deployments;
using Portal.Data.Inventory;
using Portal.Data.Library;
using Portal.Data.Requests;
using Portal.Domain.Requests;
using Portal.Domain.Security;
using Portal.Domain.Validation;
using Portal.Provisioning;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Inventory;
using Portal.Provisioning.Requests;
using Portal.Web.Catalog;
using Portal.Web.Admin.Audit;
using Portal.Web.Leases;
using Portal.Web.Tests.Provisioning;
using Portal.Web.Workflows;
using Portal.Workflows.Activities;

namespace Portal.Web.Tests.Catalog;

/// <summary>
/// A bUnit context for the request wizard over a running portal on the simulated datacenter: the stores, the
/// provisioner and <see cref="RequestSubmission"/> registered as the portal registers them (scoped, one DbContext per
/// scope) on the portal's database, with its singletons where state is shared, so a submitted request starts the
/// real provisioning workflow.
/// </summary>
public abstract class WizardTestContext : BunitContext
{
    /// <summary>Rendering and data loading run on other threads; busy cores need more than bUnit's default second.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected WizardTestContext(ProvisioningPortal portal)
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
        Services.AddSingleton(host.GetRequiredService<IDriverCatalog>());
        Services.AddSingleton(host.GetRequiredService<IBootLinks>());
        Services.AddSingleton(host.GetRequiredService<IOptions<ProvisioningOptions>>());
        Services.AddScoped<ImageStore>();
        Services.AddScoped<IImageCatalog, EfImageCatalog>();
        Services.AddScoped<IInventoryStore, EfInventoryStore>();
        Services.AddScoped<IDeploymentStore, EfDeploymentStore>();
        Services.AddScoped<IRequestStore, EfRequestStore>();
        Services.AddPortalQuotas();
        Services.AddScoped<IWriterSessionStore, EfWriterSessionStore>();
        Services.AddScoped<Provisioner>();
        Services.AddScoped<RequestSubmission>();
        Services.AddLeaseBook();
        Services.AddPortalAudit();
        Services.AddSingleton(host.GetRequiredService<RequestNotifications>());

        // Last: it builds the service provider, after which nothing can be registered.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected ProvisioningPortal Portal { get; }

    protected BunitAuthorizationContext Auth { get; }

    protected static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    protected void SignInAsRequester() => Auth.SetAuthorized("requester@portal.local").SetRoles(PortalRoles.Requester);

    /// <summary>Works with one of the portal's own scoped services, outside any component.</summary>
    protected async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Submits a request for one Ubuntu server named <paramref name="hostname"/>, as another requester would: its name is claimed.</summary>
    protected async Task<ServerRequest> RequestUbuntuAsync(string hostname)
    {
        var submitted = await WithAsync<RequestSubmission, ValidationResult<ServerRequest>>(submission => submission.SubmitAsync(new ServerRequestOrder
        {
            ImageId = ProvisioningPortal.Ubuntu,
            HostnamePattern = hostname,
            Parameters = new Dictionary<string, string?> { ["adminPassword"] = ProvisioningPortal.Secret },
            Justification = "Someone else's server, to hold the name.",
            RequestedBy = "approver@portal.local",
        }, Token));
        Assert.True(submitted.IsValid, string.Join("; ", submitted.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return submitted.Value;
    }

    /// <summary>The wizard for Ubuntu 24.04, loaded.</summary>
    protected IRenderedComponent<RequestWizardPage> RenderWizard(Guid? imageId = null)
    {
        Render<MudPopoverProvider>();
        var page = Render<RequestWizardPage>(p => p.Add(x => x.ImageId, imageId ?? ProvisioningPortal.Ubuntu));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=step-image]")), Patience);
        return page;
    }

    /// <summary>Presses Next and waits until the step <paramref name="step"/> shows.</summary>
    protected static void Next(IRenderedComponent<RequestWizardPage> page, string step)
    {
        page.Find("[data-testid=wizard-next]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid=step-{step}]")), Patience);
    }

    /// <summary>Goes from the image to the details with the defaults.</summary>
    protected static void ToDetails(IRenderedComponent<RequestWizardPage> page)
    {
        Next(page, "size");
        Next(page, "placement");
        Next(page, "details");
    }

    /// <summary>Fills what the details need for one Ubuntu server.</summary>
    protected static void FillDetails(IRenderedComponent<RequestWizardPage> page, string hostname)
    {
        Input(page, "hostname-pattern").Input(hostname);
        Input(page, "parameter-adminPassword").Change(ProvisioningPortal.Secret);
        TextArea(page, "justification").Change("A test server for the checkout team.");
        page.WaitForAssertion(() => Assert.Contains(hostname, page.Find("[data-testid=hostname-preview]").TextContent, StringComparison.Ordinal), Patience);
    }

    protected static IElement Input(IRenderedComponent<RequestWizardPage> page, string testId) =>
        page.Find($"[data-testid={testId}] input, input[data-testid={testId}]");

    protected static IElement TextArea(IRenderedComponent<RequestWizardPage> page, string testId) =>
        page.Find($"[data-testid={testId}] textarea, textarea[data-testid={testId}]");

    /// <summary>The error text under a field; empty when it has none.</summary>
    protected static string ErrorOf(IRenderedComponent<RequestWizardPage> page, string testId)
    {
        var input = page.Find($"[data-testid={testId}] input, input[data-testid={testId}], [data-testid={testId}] textarea, textarea[data-testid={testId}]");
        return input.Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() ?? "";
    }
}
