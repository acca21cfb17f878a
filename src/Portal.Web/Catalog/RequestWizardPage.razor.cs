using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using Portal.Domain.Requests;
using Portal.Domain.Validation;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Requests;
using Portal.Web.Hosting;
using Portal.Web.Library;

namespace Portal.Web.Catalog;

/// <summary>
/// The request wizard: image, size, placement, details, review. The steps only show and edit a
/// <see cref="RequestForm"/>, which holds every rule; this page loads the image and the platforms, and calls
/// <see cref="RequestSubmission"/> (in a scope per call) to preview the request when the details are left and to
/// submit it. A submitted request opens its own page.
/// </summary>
public sealed partial class RequestWizardPage
{
    private RequestForm? form;
    private List<BreadcrumbItem> breadcrumbs = [];
    private string userName = "";
    private bool loaded;
    private bool busy;

    /// <summary>The image asked for, from the address.</summary>
    [Parameter] public Guid ImageId { get; set; }

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required IDriverCatalog Drivers { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    /// <summary>The signed-in user, cascaded by the router.</summary>
    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    private string NextTitle => form is null ? "" : (form.Step + 1) switch
    {
        WizardStep.Size => "Size",
        WizardStep.Placement => "Placement",
        WizardStep.Details => "Details",
        _ => "Review",
    };

    protected override async Task OnParametersSetAsync()
    {
        if (loaded && form?.Image.Id == ImageId)
        {
            // Same image: keep everything typed so far.
            return;
        }

        var user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        userName = user.Identity?.Name ?? "";
        var (image, platforms) = await Scopes.WithImageStoreAsync(async store =>
            (await store.FindAsync(ImageId, CancellationToken.None), await store.PlatformsAsync(CancellationToken.None)));

        // Requesters ask for published images only; drafts and images on their way out do not exist for them.
        form = image is { IsRequestable: true }
            ? new RequestForm(image, platforms
                .Select(p => PlatformOption.For(image, p, Drivers.IsSimulated(p)))
                .OrderBy(o => o.Compatibility.Compatible ? 0 : 1))
            : null;
        breadcrumbs = image is null ? [] : [new("Service catalog", "/catalog"), new(image.Name, null, disabled: true), new("Request", null, disabled: true)];
        loaded = true;
    }

    private async Task BackAsync()
    {
        form?.Back();
        await ToTopAsync();
    }

    private async Task NextAsync()
    {
        if (form is null || busy)
        {
            return;
        }

        busy = true;
        var from = form.Step;
        try
        {
            await form.NextAsync(userName, PreviewAsync);
        }
        finally
        {
            busy = false;
        }

        if (form.Step != from)
        {
            await ToTopAsync();
        }
    }

    /// <summary>A click on a step's title: back at once, forward through the same checks as Next.</summary>
    private async Task OnStepClickedAsync(StepperInteractionEventArgs args)
    {
        // The wizard moves the stepper itself, from the form's step.
        args.Cancel = true;
        if (form is null || busy || args.Action != StepAction.Activate)
        {
            return;
        }

        busy = true;
        try
        {
            await form.GoToAsync((WizardStep)args.StepIndex, userName, PreviewAsync);
        }
        finally
        {
            busy = false;
            StateHasChanged();
        }

        await ToTopAsync();
    }

    private async Task SubmitAsync()
    {
        if (form is null || busy)
        {
            return;
        }

        busy = true;
        try
        {
            var request = await form.SubmitAsync(userName, order =>
                Scopes.WithAsync<RequestSubmission, ValidationResult<ServerRequest>>(submission => submission.SubmitAsync(order, CancellationToken.None)));
            if (request is not null)
            {
                Navigation.NavigateTo($"/requests/{request.Id}");
                return;
            }
        }
        finally
        {
            busy = false;
        }

        // Refused: the wizard is back on the step of the first error, or shows the errors above the form.
        await ToTopAsync();
    }

    /// <summary>A new step starts at its top, not where the long previous one was scrolled to.</summary>
    private async Task ToTopAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("scrollTo", 0, 0);
        }
        catch (JSDisconnectedException)
        {
            // The tab is gone: nothing to scroll.
        }
    }

    private Task<ValidationResult<RequestPreview>> PreviewAsync(ServerRequestOrder order) =>
        Scopes.WithAsync<RequestSubmission, ValidationResult<RequestPreview>>(submission => submission.PreviewAsync(order, CancellationToken.None));

    /// <summary>A step changed the form: the summary beside the wizard follows.</summary>
    private void Refresh()
    {
    }
}
