using System.Security.Claims;
using Bunit;
using Portal.Web.Quotas;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Data.Approvals;
using Portal.Data.Inventory;
using Portal.Data.Requests;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Requests;
using Portal.Domain.Security;
using Portal.Domain.Validation;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Requests;
using Portal.Provisioning.Servers;
using Portal.Provisioning.Simulation;
using Portal.Web.Approvals;
using Portal.Web.Approvals.Pages;
using Portal.Web.Leases;
using Portal.Web.Requests;
using Portal.Web.Tests.Provisioning;
using Placement = Portal.Domain.Inventory.Placement;

namespace Portal.Web.Tests.Approvals;

/// <summary>
/// The approvals page under bUnit over a running portal: the request services registered as the portal registers
/// them, requests submitted through <see cref="RequestSubmission"/> as their requesters, the page rendered as the approver.
/// </summary>
public abstract class ApprovalsPagesTestContext(ProvisioningPortal portal) : ProvisioningPagesTestContext(portal, AddRequestServices)
{
    public const string Alex = "approver@portal.local";
    public const string Riya = "requester@portal.local";
    public const string Kim = "kim@portal.local";

    /// <summary>A time the auto-refresh never reaches in a test: what the page shows is what the test did.</summary>
    protected static readonly TimeSpan NoRefresh = TimeSpan.FromHours(1);

    private static void AddRequestServices(IServiceCollection services)
    {
        services.AddScoped<IRequestStore, EfRequestStore>();
        services.AddPortalQuotas();
        services.AddScoped<ITaskDecisionStore, EfTaskDecisionStore>();
        services.AddScoped<IAddressPool, EfAddressPool>();
        services.AddScoped<RequestSubmission>();
        services.AddLeaseBook();
        services.AddScoped<RequestLifecycle>();
        services.AddScoped<ServerLifecycle>();
        services.AddScoped<ApprovalTasks>();
        services.AddPortalRequests();
    }

    protected static ClaimsPrincipal Person(string email, params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, email), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "Test"));

    protected void SignInAsAlex() => Auth.SetAuthorized(Alex).SetRoles(PortalRoles.Approver, PortalRoles.Requester);

    /// <summary>Submits a virtual request for <paramref name="hostnamePattern"/> as <paramref name="requestedBy"/> and waits until its approval task is open.</summary>
    protected Task<ServerRequest> RequestVirtualAsync(string hostnamePattern, int quantity = 1, string requestedBy = Riya, string? justification = null) =>
        SubmitAsync(new ServerRequestOrder
        {
            ImageId = ProvisioningPortal.Ubuntu,
            Placement = Placement.Virtual,
            PlatformId = ProvisioningPortal.SimulatedVirtual,
            Hardware = new Dictionary<ResourceType, decimal> { [ResourceType.Processor] = 2, [ResourceType.Memory] = 4 },
            Parameters = new Dictionary<string, string?> { ["adminPassword"] = ProvisioningPortal.Secret },
            Quantity = quantity,
            HostnamePattern = hostnamePattern,
            Justification = justification ?? "Load tests for the checkout service before the release.",
            RequestedBy = requestedBy,
        });

    /// <summary>Submits a request for one bare-metal server (it needs a second approval by an admin).</summary>
    protected Task<ServerRequest> RequestPhysicalAsync(string hostname) =>
        SubmitAsync(new ServerRequestOrder
        {
            ImageId = ProvisioningPortal.Ubuntu,
            Placement = Placement.Physical,
            PlatformId = ProvisioningPortal.SimulatedBareMetal,
            Parameters = new Dictionary<string, string?> { ["adminPassword"] = ProvisioningPortal.Secret },
            HostnamePattern = hostname,
            Justification = "A database that needs its own disks.",
            RequestedBy = Riya,
        });

    private async Task<ServerRequest> SubmitAsync(ServerRequestOrder order)
    {
        var submitted = await WithAsync<RequestSubmission, ValidationResult<ServerRequest>>(s => s.SubmitAsync(order, Token));
        Assert.True(submitted.IsValid, string.Join("; ", submitted.Errors.Select(e => $"{e.Field}: {e.Message}")));
        await WaitForTaskAsync(submitted.Value.Id);
        return submitted.Value;
    }

    /// <summary>Waits until a task of the request is open (the workflow has reached its approval).</summary>
    protected async Task<ApprovalTask> WaitForTaskAsync(Guid requestId, string? titleStartsWith = null)
    {
        ApprovalTask? task = null;
        await EventuallyAsync(async () =>
        {
            task = (await WithAsync<ApprovalTasks, IReadOnlyList<ApprovalTask>>(t => t.OpenAsync(Token)))
                .FirstOrDefault(t => t.RequestId == requestId && (titleStartsWith is null || t.Title.StartsWith(titleStartsWith, StringComparison.Ordinal)));
            return task is not null;
        }, $"an open task for request {requestId}");
        return task!;
    }

    protected Task<ServerRequest?> RequestAsync(Guid id) => WithAsync<IRequestStore, ServerRequest?>(store => store.FindAsync(id, Token));

    private bool popoversRendered;

    protected IRenderedComponent<ApprovalsPage> RenderInbox(TimeSpan? refresh = null)
    {
        if (!popoversRendered)
        {
            Render<MudPopoverProvider>();
            popoversRendered = true;
        }

        var page = Render<ApprovalsPage>(p => p.Add(x => x.RefreshInterval, refresh ?? NoRefresh));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=inbox-item], [data-testid=inbox-empty]")), Patience);
        return page;
    }

    protected static AngleSharp.Dom.IElement? ItemOf(IRenderedComponent<ApprovalsPage> page, Guid requestId) =>
        page.FindAll("[data-testid=inbox-item]").SingleOrDefault(i => i.GetAttribute("data-request-id") == requestId.ToString());

    protected static AngleSharp.Dom.IElement Item(IRenderedComponent<ApprovalsPage> page, Guid requestId) =>
        ItemOf(page, requestId) ?? throw new Xunit.Sdk.XunitException($"Request {requestId} is not in the inbox: {page.Markup}");
}
