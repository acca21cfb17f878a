using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Placement = Portal.Domain.Inventory.Placement;
using Portal.Data.Library;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Requests;
using Portal.Domain.Security;
using Portal.Domain.Validation;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Requests;
using Portal.Web.Tests.Provisioning;

namespace Portal.Web.Tests.Requests;

/// <summary>
/// The journey's pages under bUnit on a running portal: requests are submitted through <see cref="RequestSubmission"/>
/// and decided through <see cref="ApprovalTasks"/> in the portal's own scopes — as another node would — while the page
/// reads the same database.
/// </summary>
public abstract class RequestPagesTestContext(ProvisioningPortal portal) : ProvisioningPagesTestContext(portal)
{
    protected const string Requester = "requester@portal.local";
    protected const string Approver = "approver@portal.local";

    protected void SignInAs(string user, params string[] roles) => Auth.SetAuthorized(user).SetRoles(roles);

    protected void SignInAsRequester(string user = Requester) => SignInAs(user, PortalRoles.Requester);

    /// <summary>The popover provider tooltips need, and the dialog and snackbar providers.</summary>
    protected (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars) RenderProviders()
    {
        Render<MudPopoverProvider>();
        return (Render<MudDialogProvider>(), Render<MudSnackbarProvider>());
    }

    /// <summary>Asks for virtual Ubuntu servers (2 vCPU, 4 GiB) on the simulated datacenter, as <paramref name="requestedBy"/>.</summary>
    protected async Task<ServerRequest> SubmitAsync(string requestedBy, string hostnamePattern, int quantity = 1, Guid? imageId = null, string? password = ProvisioningPortal.Secret)
    {
        var order = new ServerRequestOrder
        {
            ImageId = imageId ?? ProvisioningPortal.Ubuntu,
            Placement = Placement.Virtual,
            PlatformId = ProvisioningPortal.SimulatedVirtual,
            Hardware = new Dictionary<ResourceType, decimal> { [ResourceType.Processor] = 2, [ResourceType.Memory] = 4 },
            Parameters = password is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["adminPassword"] = password },
            Quantity = quantity,
            HostnamePattern = hostnamePattern,
            Justification = "Load tests for the checkout service before the release.",
            LeaseDays = 30,
            RequestedBy = requestedBy,
        };
        var submitted = await WithAsync<RequestSubmission, ValidationResult<ServerRequest>>(submission => submission.SubmitAsync(order, Token));
        Assert.True(submitted.IsValid, string.Join("; ", submitted.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return submitted.Value;
    }

    /// <summary>Decides the request's open approval as <paramref name="approver"/>, once its workflow waits for it.</summary>
    protected async Task DecideAsync(Guid requestId, string outcome, string? comment = null, string approver = Approver, string role = PortalRoles.Approver)
    {
        ApprovalTask? task = null;
        await EventuallyAsync(async () =>
        {
            task = (await WithAsync<ApprovalTasks, IReadOnlyList<ApprovalTask>>(tasks => tasks.OpenAsync(Token))).FirstOrDefault(t => t.RequestId == requestId);
            return task is not null;
        }, $"request {requestId} waits for a decision");
        var decided = await WithAsync<ApprovalTasks, DecisionResult>(tasks => tasks.DecideAsync(task!.Id, approver, [role], outcome, comment, Token));
        Assert.True(decided.Kind == DecisionResultKind.Decided, decided.Message);
    }

    protected async Task<ServerRequest> WaitForRequestAsync(Guid id, RequestStatus status)
    {
        ServerRequest? request = null;
        await EventuallyAsync(async () =>
        {
            request = await WithAsync<IRequestStore, ServerRequest?>(store => store.FindAsync(id, Token));
            return request?.Status == status;
        }, $"request {id} reaches {status} (it is {request?.Status}: {request?.Message})");
        return request!;
    }

    /// <summary>Submits, approves and waits until every server is up.</summary>
    protected async Task<ServerRequest> CompletedAsync(string requestedBy, string hostnamePattern, int quantity = 1, Guid? imageId = null, string? password = ProvisioningPortal.Secret)
    {
        var request = await SubmitAsync(requestedBy, hostnamePattern, quantity, imageId, password);
        await DecideAsync(request.Id, "Approved");
        return await WaitForRequestAsync(request.Id, RequestStatus.Completed);
    }

    /// <summary>
    /// A published copy of the demo Ubuntu image whose admin password the portal generates (<c>Generate = true</c>), so a
    /// request may leave it empty and the owner is shown it once. Made here rather than relying on the demo data.
    /// </summary>
    protected async Task<Guid> ImageWithGeneratedPasswordAsync()
    {
        return await WithAsync<ImageStore, Guid>(async store =>
        {
            var ubuntu = await store.FindAsync(ProvisioningPortal.Ubuntu, Token) ?? throw new InvalidOperationException("The demo Ubuntu image is missing.");
            var ids = ubuntu.Artifacts.ToDictionary(a => a.Id, _ => Guid.NewGuid());
            var created = await store.CreateAsync(ubuntu with
            {
                Id = Guid.NewGuid(),
                Name = $"Ubuntu with a generated password {Guid.NewGuid().ToString("N")[..6]}",
                Lifecycle = ImageLifecycle.Draft,
                Software = ubuntu.Software with
                {
                    Parameters = ubuntu.Software.Parameters.Select(p => p.Name == "adminPassword" ? p with { Generate = true, Required = false } : p).ToList(),
                },
                Artifacts = ubuntu.Artifacts.Select(a => a with { Id = ids[a.Id], ConvertedFrom = a.ConvertedFrom is { } from && ids.TryGetValue(from, out var to) ? to : null }).ToList(),
            }, Token);
            Assert.True(created.IsValid, string.Join("; ", created.Errors.Select(e => $"{e.Field}: {e.Message}")));
            var published = await store.MoveToAsync(created.Value.Id, ImageLifecycle.Published, Token);
            Assert.True(published.IsValid, string.Join("; ", published.Errors.Select(e => $"{e.Field}: {e.Message}")));
            return created.Value.Id;
        });
    }
}
