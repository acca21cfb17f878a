using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Library;

namespace Portal.Web.Library.Editing;

/// <summary>
/// Creates or edits a master image. The domain decides what is valid; its errors, keyed by field path,
/// show next to the field and in a list at the top, and nothing is saved until all are fixed.
/// </summary>
public sealed partial class ImageEditorPage
{
    private ImageForm? form;
    private bool notFound;
    private bool saving;
    private Dictionary<string, string> errors = [];

    /// <summary>The image to edit; empty for a new image.</summary>
    [Parameter] public Guid? Id { get; set; }

    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    private bool IsNew => Id is null;

    protected override async Task OnParametersSetAsync()
    {
        if (Id is { } id)
        {
            var image = await Service.FindAsync(id, CancellationToken.None);
            notFound = image is null;
            form = image is null ? null : ImageForm.From(image);
            return;
        }

        var user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        form = new ImageForm { Owner = user.Identity?.Name ?? "" };
    }

    private bool Has(string field) => errors.ContainsKey(field);

    private string? ErrorFor(string field) => errors.GetValueOrDefault(field);

    private void AddRequirement() =>
        form!.Requirements.Add(new ImageForm.RequirementRow { Type = ResourceType.Disk, Unit = ResourceUnit.GiB, Bus = DiskBus.Virtio });

    private static void SetType(ImageForm.RequirementRow row, ResourceType type)
    {
        row.Type = type;
        // Offer the unit that fits the type, so the common case needs no second choice.
        row.Unit = ResourceRequirement.IsSizeType(type) ? ResourceUnit.GiB : ResourceUnit.Count;
    }

    private async Task SaveAsync()
    {
        if (form is null)
        {
            return;
        }

        saving = true;
        try
        {
            var (image, parseErrors) = form.ToImage();
            if (image is null)
            {
                errors = parseErrors;
                return;
            }

            var result = IsNew
                ? await Service.CreateAsync(image, CancellationToken.None)
                : await Service.UpdateAsync(image, CancellationToken.None);
            if (!result.IsValid)
            {
                errors = result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)));
                return;
            }

            Snackbar.Add($"{image.Name} {image.Version} saved.", Severity.Success);
            Navigation.NavigateTo($"/library/{image.Id}");
        }
        finally
        {
            saving = false;
        }
    }
}
