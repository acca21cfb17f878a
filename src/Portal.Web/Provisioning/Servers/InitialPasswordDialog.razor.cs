using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Portal.Web.Provisioning.Servers;

/// <summary>
/// Shows a server's generated passwords once, with a copy button each and the warning that they are never shown again.
/// The values live only in this dialog's parameters: closing it drops them.
/// </summary>
public sealed partial class InitialPasswordDialog
{
    /// <summary>The server and its generated secrets.</summary>
    [Parameter, EditorRequired] public required InitialSecretsView Secrets { get; set; }

    [CascadingParameter] public required IMudDialogInstance Dialog { get; set; }

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    private Task CopyAsync(string value) => Shell.Clipboard.CopyAsync(JS, Snackbar, value);
}
