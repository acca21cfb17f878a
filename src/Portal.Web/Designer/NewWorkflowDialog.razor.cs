using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Portal.Web.Designer;

/// <summary>Asks for the name and id of a new workflow (blank or a copy); returns a <see cref="NewWorkflowName"/>.</summary>
public sealed partial class NewWorkflowDialog
{
    private string? id;
    private string? name;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    [Parameter] public string Title { get; set; } = "New workflow";

    [Parameter] public string ConfirmText { get; set; } = "Create";

    /// <summary>The name of the workflow being duplicated; null for a blank one.</summary>
    [Parameter] public string? Source { get; set; }

    /// <summary>Ids already in use (drafts and published), which a new workflow cannot take.</summary>
    [Parameter] public IReadOnlyCollection<string> TakenIds { get; set; } = [];

    [Parameter] public string? InitialName { get; set; }

    [Parameter] public string? InitialId { get; set; }

    protected override void OnInitialized()
    {
        name = InitialName;
        id = InitialId;
    }

    private string? IdError => string.IsNullOrEmpty(id) ? null : NewWorkflows.IdProblem(id, TakenIds);

    private bool CanCreate => !string.IsNullOrWhiteSpace(name) && !string.IsNullOrEmpty(id) && IdError is null;

    private void Cancel() => Dialog.Cancel();

    private void Create() => Dialog.Close(DialogResult.Ok(new NewWorkflowName(id!, name!.Trim())));
}
