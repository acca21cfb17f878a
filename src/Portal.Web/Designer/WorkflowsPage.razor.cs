using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Portal.Domain.Validation;
using Portal.Web.Hosting;
using Portal.Workflows.Definitions;
using Portal.Workflows.Interchange.Elsa;
using Portal.Workflows.Persistence;

namespace Portal.Web.Designer;

/// <summary>
/// Admin › Workflows: every definition with its published version, pending draft, instance counts and last change;
/// create a workflow, duplicate one, import a JSON definition as a draft and export any as JSON.
/// </summary>
public sealed partial class WorkflowsPage
{
    private IReadOnlyList<DefinitionOverview>? rows;
    private IReadOnlyList<ValidationError> importErrors = [];
    private string? importedFile;
    private ElsaImportResult? elsaReport;
    private bool busy;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required ILogger<WorkflowsPage> Logger { get; init; }

    public static string DesignerHref(string id) => $"/admin/workflows/{Uri.EscapeDataString(id)}";

    /// <summary>The definition's JSON as the API serves it: the draft when there is one, else the latest version.</summary>
    public static string JsonHref(DefinitionOverview row) =>
        $"/api/workflows/{Uri.EscapeDataString(row.Id)}/versions/{row.LatestVersion}";

    /// <summary>The same version as BPMN 2.0 XML with its diagram, for standard BPMN modelers.</summary>
    public static string BpmnHref(DefinitionOverview row) =>
        $"/api/workflows/{Uri.EscapeDataString(row.Id)}/versions/{row.LatestVersion}/bpmn";

    public static string JsonFileName(DefinitionOverview row) =>
        row.HasDraft ? $"{row.Id}.draft.json" : $"{row.Id}.v{row.PublishedVersion}.json";

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var overview = await Scopes.WithAsync<WorkflowDefinitions, IReadOnlyList<DefinitionOverview>>(d => d.OverviewAsync(CancellationToken.None));
        rows = overview.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    private IReadOnlyCollection<string> TakenIds => rows?.Select(r => r.Id).ToList() ?? [];

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewWorkflowDialog>("New workflow", new DialogParameters<NewWorkflowDialog>
        {
            { d => d.TakenIds, TakenIds },
        });
        if (await dialog.Result is { Canceled: false, Data: NewWorkflowName name })
        {
            var author = await UserNameAsync();
            await SaveNewAsync(name.Id, d => d.CreateAsync(NewWorkflows.Blank(name), author, CancellationToken.None), $"Created '{name.Name}' as a draft.");
        }
    }

    private async Task DuplicateAsync(DefinitionOverview row)
    {
        var dialog = await Dialogs.ShowAsync<NewWorkflowDialog>("Duplicate", new DialogParameters<NewWorkflowDialog>
        {
            { d => d.Title, $"Duplicate {row.Name}" },
            { d => d.ConfirmText, "Duplicate" },
            { d => d.Source, row.Name },
            { d => d.TakenIds, TakenIds },
            { d => d.InitialName, $"{row.Name} (copy)" },
            { d => d.InitialId, $"{row.Id}-copy" },
        });
        if (await dialog.Result is not { Canceled: false, Data: NewWorkflowName name })
        {
            return;
        }

        var author = await UserNameAsync();
        await SaveNewAsync(name.Id, d => d.DuplicateAsync(row.Id, name.Id, name.Name, author, CancellationToken.None),
            $"Duplicated '{row.Name}' as '{name.Name}' (a draft).");
    }

    /// <summary>Creates a definition through the store (which refuses a taken id) and opens it in the designer.</summary>
    private async Task SaveNewAsync(string id, Func<WorkflowDefinitions, Task<DraftSaveResult>> create, string message)
    {
        busy = true;
        try
        {
            var result = await Scopes.WithAsync(create);
            if (!result.IsSaved)
            {
                Snackbar.Add(result.Conflict?.Message ?? string.Join(" ", result.Errors.Select(e => e.Message)), Severity.Error);
                await LoadAsync();
                return;
            }

            Logger.LogInformation("Created the draft of workflow {WorkflowId}", id);
            Snackbar.Add(message, Severity.Success);
            Navigation.NavigateTo(DesignerHref(id));
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>Deletes a pending draft after asking; published versions stay. Refused when the draft changed since the list was read.</summary>
    private async Task DeleteDraftAsync(DefinitionOverview row)
    {
        var confirm = await Dialogs.ShowMessageBoxAsync(
            $"Delete the draft of {row.Name}?",
            row.PublishedVersion is { } v
                ? $"The unpublished changes are lost; version {v} stays the one new runs use."
                : "This workflow was never published: deleting its draft removes it.",
            yesText: "Delete the draft", cancelText: "Cancel");
        if (confirm != true)
        {
            return;
        }

        var result = await Scopes.WithAsync<WorkflowDefinitions, DraftSaveResult>(async definitions =>
        {
            var draft = (await definitions.ListVersionsAsync(row.Id, CancellationToken.None)).FirstOrDefault(v => !v.IsPublished);
            return draft is null
                ? DraftSaveResult.Refused("draft", $"'{row.Name}' has no draft any more.")
                : await definitions.DeleteDraftAsync(row.Id, draft.Revision, CancellationToken.None);
        });
        if (result.IsSaved)
        {
            Logger.LogInformation("Deleted the draft of workflow {WorkflowId}", row.Id);
            Snackbar.Add($"Deleted the draft of '{row.Name}'.", Severity.Success);
        }
        else
        {
            Snackbar.Add(result.Conflict?.Message ?? string.Join(" ", result.Errors.Select(e => e.Message)), Severity.Error);
        }

        await LoadAsync();
    }

    /// <summary>
    /// Reads an uploaded definition and saves it as a draft. A file that does not parse is refused with the reader's
    /// reasons (line and member); replacing a workflow's pending draft asks first.
    /// </summary>
    private async Task ImportJsonAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        importErrors = [];
        importedFile = file.Name;
        busy = true;
        try
        {
            ValidationResult<WorkflowDefinition> parsed;
            await using (var stream = file.OpenReadStream(WorkflowDefinitionJson.MaxBytes))
            {
                parsed = await WorkflowDefinitionJson.ParseAsync(stream, CancellationToken.None);
            }

            if (!parsed.IsValid)
            {
                importErrors = parsed.Errors;
                return;
            }

            var definition = parsed.Value;
            if (rows?.FirstOrDefault(r => r.Id == definition.Id) is { HasDraft: true } existing)
            {
                var replace = await Dialogs.ShowMessageBoxAsync(
                    "Replace the draft?",
                    $"'{existing.Name}' already has a draft. Importing {file.Name} replaces that draft (published versions stay).",
                    yesText: "Replace the draft", cancelText: "Cancel");
                if (replace != true)
                {
                    return;
                }
            }

            var author = await UserNameAsync();
            var saved = await Scopes.WithAsync<WorkflowDefinitions, DraftSaveResult>(async definitions =>
                await definitions.OpenAsync(definition.Id, CancellationToken.None) is { } current
                    ? await definitions.SaveDraftAsync(definition, author, current.Revision, CancellationToken.None)
                    : await definitions.CreateAsync(definition, author, CancellationToken.None));
            if (!saved.IsSaved)
            {
                importErrors = saved.Conflict is { } refused ? [new ValidationError("", refused.Message)] : saved.Errors;
                return;
            }

            Logger.LogInformation("Imported workflow {WorkflowId} as a draft", definition.Id);
            Snackbar.Add($"Imported '{definition.Name}' as a draft.", Severity.Success);
            await LoadAsync();
        }
        catch (IOException exception)
        {
            // The browser stream fails when the file is larger than allowed or the upload breaks off.
            importErrors = [new ValidationError("", $"The file could not be read: {exception.Message}")];
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>
    /// Imports an Elsa 3 flowchart export as a new draft under Elsa's definition id, then lists every Elsa activity
    /// that has no equivalent here (kept under its Elsa type) and the notes of the mapping; nothing is dropped silently.
    /// </summary>
    private async Task ImportElsaAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        importErrors = [];
        elsaReport = null;
        importedFile = file.Name;
        busy = true;
        try
        {
            string json;
            await using (var stream = file.OpenReadStream(WorkflowDefinitionJson.MaxBytes))
            using (var reader = new StreamReader(stream))
            {
                json = await reader.ReadToEndAsync(CancellationToken.None);
            }

            var imported = ElsaImport.Read(json);
            if (!imported.IsValid)
            {
                importErrors = imported.Errors;
                return;
            }

            var author = await UserNameAsync();
            var created = await Scopes.WithAsync<WorkflowDefinitions, DraftSaveResult>(
                definitions => definitions.CreateAsync(imported.Value.Definition, author, CancellationToken.None));
            if (!created.IsSaved)
            {
                importErrors = created.Conflict is { } refused ? [new ValidationError("", refused.Message)] : created.Errors;
                return;
            }

            Logger.LogInformation("Imported the Elsa workflow {WorkflowId} as a draft with {Unmapped} unmapped activities",
                imported.Value.Definition.Id, imported.Value.Unmapped.Count);
            elsaReport = imported.Value;
            await LoadAsync();
        }
        catch (IOException exception)
        {
            importErrors = [new ValidationError("", $"The file could not be read: {exception.Message}")];
        }
        finally
        {
            busy = false;
        }
    }

    private async Task<string?> UserNameAsync() =>
        Authentication is null ? null : (await Authentication).User.Identity?.Name;
}
