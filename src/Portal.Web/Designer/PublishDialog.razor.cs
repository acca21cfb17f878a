using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Portal.Web.Designer;

/// <summary>Asks for the version comment before publishing; returns the comment.</summary>
public sealed partial class PublishDialog
{
    private string? comment;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    /// <summary>The version publishing creates.</summary>
    [Parameter] public int Version { get; set; }

    /// <summary>The workflow's name.</summary>
    [Parameter] public string WorkflowName { get; set; } = "";

    private void Cancel() => Dialog.Cancel();

    private void Publish() => Dialog.Close(DialogResult.Ok(comment!.Trim()));
}
