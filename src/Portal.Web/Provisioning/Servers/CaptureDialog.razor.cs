using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Portal.Web.Provisioning.Servers;

/// <summary>Asks for the new image's name before a server is captured; closes with the name (empty for the default).</summary>
public sealed partial class CaptureDialog
{
    private string? name;

    /// <summary>The server being captured, for the default name.</summary>
    [Parameter, EditorRequired] public required string ServerName { get; set; }

    [CascadingParameter] public required IMudDialogInstance Dialog { get; set; }

    private void Capture() => Dialog.Close(DialogResult.Ok(string.IsNullOrWhiteSpace(name) ? "" : name.Trim()));
}
