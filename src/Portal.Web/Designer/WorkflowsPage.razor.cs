using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Portal.Domain.Validation;
using Portal.Web.Hosting;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;

namespace Portal.Web.Designer;

/// <summary>
/// Admin › Workflows: every definition with its published version, pending draft, instance counts and last change;
/// create a workflow, duplicate one, import a JSON definition as a draft and export any as JSON.
/// </summary>
public sealed partial class WorkflowsPage
{
    private IReadOnlyList<WorkflowListRow>? rows;
    private InstanceCounts instanceCounts = InstanceCounts.Empty;
    private IReadOnlyList<ValidationError> importErrors = [];
    private string? importedFile;
    private bool busy;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required ILogger<WorkflowsPage> Logger { get; init; }

    public static string DesignerHref(string id) => $"/admin/workflows/{Uri.EscapeDataString(id)}";

    /// <summary>The definition's JSON as the API serves it: the draft when there is one, else the latest version.</summary>
    public static string JsonHref(WorkflowListRow row) =>
        $"/api/workflows/{Uri.EscapeDataString(row.Id)}/versions/{(row.HasDraft ? StoredDefinition.DraftVersion : row.PublishedVersion ?? 0)}";

    public static string JsonFileName(WorkflowListRow row) =>
        row.HasDraft ? $"{row.Id}.draft.json" : $"{row.Id}.v{row.PublishedVersion}.json";

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        (rows, instanceCounts) = await Scopes.InScopeAsync(async services =>
            (await WorkflowList.ReadAsync(services.GetRequiredService<WorkflowDefinitions>(), CancellationToken.None),
             await InstanceCounts.ReadAsync(services.GetRequiredService<IWorkflowInstanceStore>(), CancellationToken.None)));
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
            await SaveNewAsync(NewWorkflows.Blank(name), $"Created '{name.Name}' as a draft.");
        }
    }

    private async Task DuplicateAsync(WorkflowListRow row)
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

        var source = await Scopes.WithAsync<WorkflowDefinitions, StoredDefinition?>(async definitions =>
            await definitions.FindAsync(row.Id, StoredDefinition.DraftVersion, CancellationToken.None)
            ?? await definitions.FindAsync(row.Id, null, CancellationToken.None));
        if (source is null)
        {
            Snackbar.Add($"'{row.Id}' is gone: another admin removed it.", Severity.Warning);
            await LoadAsync();
            return;
        }

        await SaveNewAsync(NewWorkflows.Duplicate(source.Definition, name), $"Duplicated '{row.Name}' as '{name.Name}' (a draft).");
    }

    private async Task SaveNewAsync(WorkflowDefinition definition, string message)
    {
        busy = true;
        try
        {
            var author = await UserNameAsync();
            await Scopes.WithAsync<WorkflowDefinitions, bool>(async definitions =>
            {
                await definitions.SaveDraftAsync(definition, author, CancellationToken.None);
                return true;
            });
            Logger.LogInformation("Created the draft of workflow {WorkflowId}", definition.Id);
            Snackbar.Add(message, Severity.Success);
            Navigation.NavigateTo(DesignerHref(definition.Id));
        }
        finally
        {
            busy = false;
        }
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
            await Scopes.WithAsync<WorkflowDefinitions, bool>(async definitions =>
            {
                await definitions.SaveDraftAsync(definition, author, CancellationToken.None);
                return true;
            });
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

    private async Task<string?> UserNameAsync() =>
        Authentication is null ? null : (await Authentication).User.Identity?.Name;
}
