using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;
using Portal.Domain.Library;
using Portal.Domain.Security;
using Portal.Domain.Validation;
using Portal.Web.Hosting;
using Portal.Web.Provisioning.Deployments;

namespace Portal.Web.Library;

/// <summary>
/// One image: its hardware template, software stack, artifacts and, per platform, whether and how it can
/// deploy there. Requesters see published images only; admins also move an image along its lifecycle, and
/// deploy a published or draft image at once ("Deploy now").
/// </summary>
public sealed partial class ImageDetailsPage
{
    private MasterImage? image;
    private IReadOnlyList<CompatibilityReport> compatibility = [];
    private IReadOnlyList<ValidationError> errors = [];
    private List<BreadcrumbItem> breadcrumbs = [];
    private bool loaded;
    private string userName = "";
    private bool isAdmin;
    private bool mayRequest;
    private bool busy;

    /// <summary>The image's id, from the address.</summary>
    [Parameter] public Guid Id { get; set; }

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required IOptions<LibraryOptions> Options { get; init; }

    /// <summary>The signed-in user, cascaded by the router.</summary>
    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        isAdmin = user.IsInRole(PortalRoles.Admin);
        mayRequest = Requests.RequestAccess.MayRequest(user);
        userName = user.Identity?.Name ?? "";
        errors = [];
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var (found, platforms) = await Scopes.WithImageStoreAsync(async store =>
            (await store.FindAsync(Id, CancellationToken.None), await store.PlatformsAsync(CancellationToken.None)));

        // Requesters may not see drafts or what is on its way out: to them it does not exist.
        image = found is not null && (isAdmin || found.IsRequestable) ? found : null;
        compatibility = image is null ? [] : platforms.Select(p => CompatibilityRules.Check(image, p)).ToList();
        breadcrumbs = image is null ? [] : [new("Image library", "/library"), new(image.Name, null, disabled: true)];
        loaded = true;
    }

    private async Task MoveToAsync(ImageLifecycle target)
    {
        if (!isAdmin || image is null)
        {
            return;
        }

        if (target == ImageLifecycle.Retired && !await ConfirmRetireAsync(image))
        {
            return;
        }

        busy = true;
        try
        {
            var moved = await Scopes.WithImageStoreAsync(store => store.MoveToAsync(image.Id, target, CancellationToken.None));
            errors = moved.Errors;
            if (moved.IsValid)
            {
                Snackbar.Add($"{image.Name} {image.Version} is now {DisplayNames.InSentence(target)}.", Severity.Success);
            }

            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private long MaxUploadBytes => Options.Value.MaxUploadBytes;

    /// <summary>The bytes of a disk a descriptor-only import awaits; the page shows the image as it then is.</summary>
    private async Task UploadDiskAsync(ImageArtifact artifact, IBrowserFile? file)
    {
        if (!isAdmin || image is null || file is null)
        {
            return;
        }

        busy = true;
        try
        {
            await using var stream = file.OpenReadStream(MaxUploadBytes);
            var uploaded = await Scopes.WithAsync<OvfUpload, ValidationResult<MasterImage>?>(upload => upload.UploadDiskAsync(image.Id, artifact.Id, stream, CancellationToken.None));
            errors = uploaded is null ? [new ValidationError("artifact", "This disk is no longer part of the image.")] : uploaded.Errors;
            if (uploaded is { IsValid: true })
            {
                Snackbar.Add($"{file.Name} uploaded.", Severity.Success);
            }

            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>Admins deploy what requesters could (published) and drafts they want to try; nothing on its way out, nothing whose disks are not uploaded.</summary>
    private bool CanDeploy => isAdmin && image is { Lifecycle: ImageLifecycle.Published or ImageLifecycle.Draft, AwaitingUpload.Count: 0 };

    private async Task DeployAsync()
    {
        if (!CanDeploy)
        {
            return;
        }

        var form = new DeployForm(image!, compatibility.Where(r => r.Compatible).Select(r => r.Platform));
        var parameters = new DialogParameters<DeployDialog> { { d => d.Form, form }, { d => d.RequestedBy, userName } };
        var dialog = await Dialogs.ShowAsync<DeployDialog>($"Deploy {image!.Name} {image.Version}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: Guid deploymentId })
        {
            Navigation.NavigateTo($"/admin/deployments/{deploymentId}");
        }
    }

    private async Task<bool> ConfirmRetireAsync(MasterImage retiring)
    {
        var answer = await Dialogs.ShowMessageBoxAsync(
            $"Retire {retiring.Name} {retiring.Version}?",
            "Nobody will be able to request it again, and a retired image cannot come back. Servers built from it keep running.",
            yesText: "Retire", cancelText: "Cancel");
        return answer == true;
    }

    private string Lineage(ImageArtifact artifact)
    {
        if (artifact.ConvertedFrom is not { } sourceId)
        {
            return "original capture";
        }

        var source = image?.Artifacts.FirstOrDefault(a => a.Id == sourceId);
        return source is null
            ? $"converted from artifact {LibraryText.ShortId(sourceId)}"
            : $"converted from {DisplayNames.Of(source.Format)} artifact {LibraryText.ShortId(sourceId)}";
    }

    private static string RouteTitle(MigrationRoute route) => route switch
    {
        MigrationRoute.P2V => "Physical to virtual: captured from a server, deployed as a VM",
        MigrationRoute.V2V => "Virtual to virtual: captured from a VM, deployed as a VM",
        MigrationRoute.V2P => "Virtual to physical: captured from a VM, deployed to a server",
        _ => "Physical to physical: captured from a server, deployed to a server",
    };
}
