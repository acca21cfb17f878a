using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Library;

namespace Portal.Web.Library.Platforms;

/// <summary>Admin › Platforms: the targets images deploy to, with what each can run.</summary>
public sealed partial class PlatformsPage
{
    private IReadOnlyList<Platform>? platforms;

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    protected override async Task OnInitializedAsync() => platforms = await Service.PlatformsAsync(CancellationToken.None);

    private async Task EditAsync(Platform? platform)
    {
        var parameters = new DialogParameters<PlatformDialog> { { d => d.Form, platform is null ? new PlatformForm() : PlatformForm.From(platform) } };
        var dialog = await Dialogs.ShowAsync<PlatformDialog>(platform is null ? "New platform" : $"Edit {platform.Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            Snackbar.Add($"Platform {result.Data} saved.", Severity.Success);
            platforms = await Service.PlatformsAsync(CancellationToken.None);
        }
    }

    /// <summary>The platform's configured driver; one never configured says what it follows.</summary>
    private static string Driver(Platform platform) =>
        platform.Connection is { } connection ? DisplayNames.Of(connection.Driver) : "Not configured (follows Portal:Provisioning:Drivers)";

    private static string Limits(Platform platform)
    {
        var parts = new List<string>();
        if (platform.Capabilities.MaxVcpus is { } cpu)
        {
            parts.Add($"{cpu} vCPU");
        }

        if (platform.Capabilities.MaxMemory is { } memory)
        {
            parts.Add(memory.ToString());
        }

        return parts.Count == 0 ? "no limit" : string.Join(" · ", parts);
    }
}
