using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using Portal.Domain.Validation;
using Portal.Web.Admin.Users;
using Portal.Web.Designer.Canvas;
using Portal.Web.Hosting;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;
using Position = Portal.Workflows.Definitions.Position;

namespace Portal.Web.Designer;

/// <summary>
/// The workflow designer: palette, canvas and property panel around a <see cref="DesignerDocument"/>. It loads the
/// draft (or the latest published version), validates after every edit, saves drafts and publishes. The page is
/// thin: edits live in the document, drawing in the canvas.
/// </summary>
public sealed partial class DesignerPage : IDisposable
{
    private DesignerDocument? document;
    private long revision;
    private string? conflict;
    private IReadOnlyList<DefinitionVersion> versions = [];
    private bool showHistory;
    private DesignerCanvas? canvas;
    private IReadOnlyList<ActivityDescriptor> descriptors = [];
    private ValidationIndex validation = ValidationIndex.Empty;
    private DesignerSelection selection = DesignerSelection.None;
    private ActivityDescriptor? dragging;
    private string? loadedId;
    private int? publishedVersion;
    private bool hasDraft;
    private bool notFound;
    private bool showErrors;
    private bool busy;
    private double zoom = 1;
    private bool showPalette = true;
    private bool showProperties = true;

    /// <summary>The workflow definition's id.</summary>
    [Parameter] public string Id { get; set; } = "";

    /// <summary>A published version to look at, read-only; null to edit the draft (or the latest version).</summary>
    [SupplyParameterFromQuery(Name = "version")] public int? Version { get; set; }

    [Inject] public required NavigationManager Navigation { get; init; }

    private bool ReadOnly => document?.IsReadOnly == true;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required ActivityRegistry Activities { get; init; }

    [Inject] public required DefinitionValidator Validator { get; init; }

    [Inject] public required UserAdministration Users { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required ILogger<DesignerPage> Logger { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Id}@{Version}";
        if (loadedId == key)
        {
            return;
        }

        loadedId = key;
        await LoadAsync();
    }

    /// <summary>Opens the draft (else the latest version) to edit, or with <see cref="Version"/> that version read-only.</summary>
    private async Task LoadAsync()
    {
        descriptors = Activities.Descriptors.ToList();
        var (editable, viewed, history) = await Scopes.WithAsync<WorkflowDefinitions, (EditableDefinition?, StoredDefinition?, IReadOnlyList<DefinitionVersion>)>(
            async definitions => (
                Version is null ? await definitions.OpenAsync(Id, CancellationToken.None) : null,
                Version is { } v ? await definitions.FindAsync(Id, v, CancellationToken.None) : null,
                await definitions.ListVersionsAsync(Id, CancellationToken.None)));
        var definition = editable?.Definition ?? viewed?.Definition;
        if (definition is null)
        {
            notFound = true;
            return;
        }

        notFound = false;
        versions = history;
        hasDraft = history.Any(h => !h.IsPublished);
        publishedVersion = history.Where(h => h.IsPublished).Select(h => (int?)h.Version).Max();
        revision = editable?.Revision ?? 0;
        conflict = null;
        if (document is not null)
        {
            document.Changed -= OnDocumentChanged;
        }

        document = new DesignerDocument(definition, isReadOnly: Version is not null);
        document.Changed += OnDocumentChanged;
        selection = DesignerSelection.None;
        flagged = false;
        Revalidate();
    }

    private void OnDocumentChanged()
    {
        // A drop after a drag only moves activities. The validation reads no position (neither DefinitionValidator nor
        // the format's checks has a rule on one) and the page shows none: the canvas has already drawn the move, so
        // revalidating 200 activities and re-rendering the page would only delay the next interaction. The toolbar is
        // the exception: the first move makes the draft dirty and undoable, an undone move makes it redoable.
        if (document!.LastChangeMovedOnly && Toolbar() == renderedToolbar)
        {
            return;
        }

        if (!document.LastChangeMovedOnly)
        {
            Revalidate();
        }

        StateHasChanged();
    }

    /// <summary>What the toolbar shows of the document, as last rendered.</summary>
    private (bool Dirty, string? Undo, string? Redo) renderedToolbar;

    private (bool Dirty, string? Undo, string? Redo) Toolbar() =>
        (document?.IsDirty == true, document?.UndoDescription, document?.RedoDescription);

    private void Revalidate()
    {
        validation = new ValidationIndex(Validator.Validate(document!.Definition), document.Definition);
        canvas?.Flag(validation.FlaggedActivities);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        renderedToolbar = Toolbar();
        // The canvas appears on the first interactive render; mark what the first validation found.
        if (canvas is not null && !flagged)
        {
            flagged = true;
            canvas.Flag(validation.FlaggedActivities);
        }
    }

    private bool flagged;

    private void OnSelectionChanged(DesignerSelection next) => selection = next;

    private void OnZoomChanged(double value) => zoom = value;

    private void OnIdChanged(string id) => canvas?.Select([id]);

    private void Undo() => document!.Undo();

    private void Redo() => document!.Redo();

    private void Copy() => canvas?.CopySelection();

    private void Paste() => canvas?.Paste();

    private void Delete() => canvas?.DeleteSelection();

    private void ToggleMinimap()
    {
        if (canvas is not null)
        {
            canvas.ShowNavigator = !canvas.ShowNavigator;
        }
    }

    private void AutoLayout()
    {
        if (document!.AutoLayout())
        {
            canvas?.FitToScreen();
        }
    }

    private Task OnDropAsync(Position at)
    {
        if (dragging is { } descriptor && !ReadOnly)
        {
            dragging = null;
            var id = document!.AddActivity(descriptor, at);
            canvas?.Select([id]);
        }

        return Task.CompletedTask;
    }

    private Task AddFromPaletteAsync(ActivityDescriptor descriptor)
    {
        if (ReadOnly)
        {
            return Task.CompletedTask;
        }

        var id = document!.AddActivity(descriptor, canvas?.VisibleCenter() ?? new Position(100, 100));
        canvas?.Select([id]);
        return Task.CompletedTask;
    }

    private void Validate()
    {
        Revalidate();
        showErrors = true;
    }

    private void Reveal(ValidationError error)
    {
        if (ValidationIndex.ActivityOf(error.Field, document!.Definition) is { } id)
        {
            canvas?.Reveal(id);
        }
        else
        {
            canvas?.Select([]);
        }
    }

    private string Name(string activityId) => document!.Definition.Find(activityId)?.DisplayName ?? activityId;

    private async Task<IReadOnlyList<string>> SearchUsersAsync(string? text, CancellationToken cancellationToken)
    {
        var page = await Users.ListAsync(new UserQuery(text, null, false, 0, 20), cancellationToken);
        return page.Items.Select(u => u.Email).ToList();
    }

    private async Task<string?> UserNameAsync() =>
        Authentication is null ? null : (await Authentication).User.Identity?.Name;

    private async Task SaveAsync()
    {
        if (busy)
        {
            return;
        }

        busy = true;
        try
        {
            if (await SaveDraftAsync())
            {
                Snackbar.Add("Draft saved.", Severity.Success);
            }
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>
    /// Saves the draft based on the revision this edit began from. When another admin saved or published meanwhile,
    /// nothing is written and the page says who and when; the edits stay on screen, unsaved.
    /// </summary>
    private async Task<bool> SaveDraftAsync()
    {
        var definition = document!.Definition;
        var author = await UserNameAsync();
        var result = await Scopes.WithAsync<WorkflowDefinitions, DraftSaveResult>(
            definitions => definitions.SaveDraftAsync(definition, author, revision, CancellationToken.None));
        if (result.Conflict is { } refused)
        {
            conflict = refused.Message;
            Logger.LogInformation("Refused a stale save of workflow {WorkflowId}: changed by {ChangedBy} at {ChangedAt}", definition.Id, refused.ChangedBy, refused.ChangedAt);
            Snackbar.Add("Not saved: someone changed this workflow after you opened it.", Severity.Error);
            return false;
        }

        if (result.Errors.Count > 0)
        {
            Snackbar.Add($"Not saved: {string.Join(" ", result.Errors.Select(e => e.Message))}", Severity.Error);
            return false;
        }

        revision = result.Revision;
        conflict = null;
        Logger.LogInformation("Saved the draft of workflow {WorkflowId} at revision {Revision}", definition.Id, revision);
        // Only what was saved counts as saved: an edit made while the save ran stays unsaved.
        if (ReferenceEquals(document.Definition, definition))
        {
            document.MarkSaved();
        }

        hasDraft = true;
        return true;
    }

    private async Task PublishAsync()
    {
        Revalidate();
        if (!validation.IsValid)
        {
            showErrors = true;
            return;
        }

        var next = (publishedVersion ?? 0) + 1;
        var dialog = await Dialogs.ShowAsync<PublishDialog>("Publish", new DialogParameters<PublishDialog>
        {
            { d => d.Version, next },
            { d => d.WorkflowName, document!.Definition.Name },
        });
        if (await dialog.Result is not { Canceled: false, Data: string comment })
        {
            return;
        }

        busy = true;
        try
        {
            if (!await SaveDraftAsync())
            {
                return;
            }

            var author = await UserNameAsync();
            var result = await Scopes.WithAsync<WorkflowDefinitions, ValidationResult<StoredDefinition>>(
                definitions => definitions.PublishAsync(document!.Definition.Id, author, comment, revision, CancellationToken.None));
            if (!result.IsValid && result.Errors.FirstOrDefault(e => e.Field == WorkflowDefinitions.ConflictField) is { } stale)
            {
                conflict = stale.Message;
                Snackbar.Add("Not published: someone changed this workflow after you opened it.", Severity.Error);
                return;
            }

            if (!result.IsValid)
            {
                validation = new ValidationIndex(result.Errors, document!.Definition);
                showErrors = true;
                Snackbar.Add("The workflow was not published: fix the problems listed.", Severity.Error);
                return;
            }

            Logger.LogInformation("Published version {Version} of workflow {WorkflowId}", result.Value.Version, result.Value.Definition.Id);
            publishedVersion = result.Value.Version;
            hasDraft = false;
            versions = await Scopes.WithAsync<WorkflowDefinitions, IReadOnlyList<DefinitionVersion>>(
                definitions => definitions.ListVersionsAsync(Id, CancellationToken.None));
            Snackbar.Add($"Published version {result.Value.Version}.", Severity.Success);
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>Drops the edits and opens what is stored now (after a refused save).</summary>
    private async Task ReloadAsync()
    {
        document?.MarkSaved();
        await LoadAsync();
    }

    private void OpenVersion(int version) =>
        Navigation.NavigateTo(version == StoredDefinition.DraftVersion ? WorkflowsPage.DesignerHref(Id) : $"{WorkflowsPage.DesignerHref(Id)}?version={version}");

    /// <summary>Makes an older version the draft again (after saying what happens to unsaved edits), then edits it.</summary>
    private async Task RevertAsync(int version)
    {
        var confirm = await Dialogs.ShowMessageBoxAsync(
            $"Revert the draft to version {version}?",
            hasDraft || document?.IsDirty == true
                ? $"The draft (and any unsaved change) is replaced by version {version}. Published versions stay as they are."
                : $"A draft is made from version {version}; publish it to make it the version new runs use.",
            yesText: "Revert the draft", cancelText: "Cancel");
        if (confirm != true)
        {
            return;
        }

        var author = await UserNameAsync();
        // Based on what this page saw last: the history as loaded, or this page's own later save.
        var head = Math.Max(revision, versions.Select(v => v.Revision).DefaultIfEmpty(0).Max());
        var result = await Scopes.WithAsync<WorkflowDefinitions, DraftSaveResult>(
            definitions => definitions.RevertDraftAsync(Id, version, author, head, CancellationToken.None));
        if (!result.IsSaved)
        {
            Snackbar.Add($"Not reverted: {result.Conflict?.Message ?? string.Join(" ", result.Errors.Select(e => e.Message))}", Severity.Error);
            return;
        }

        Logger.LogInformation("Reverted the draft of workflow {WorkflowId} to version {Version}", Id, version);
        Snackbar.Add($"The draft is now version {version}.", Severity.Success);
        document?.MarkSaved();
        if (Version is null)
        {
            await LoadAsync();
        }
        else
        {
            OpenVersion(StoredDefinition.DraftVersion);
        }
    }

    private async Task CompareAsync((int Before, int After) pair)
    {
        var (before, after) = await Scopes.WithAsync<WorkflowDefinitions, (StoredDefinition?, StoredDefinition?)>(async definitions =>
            (await definitions.FindAsync(Id, pair.Before, CancellationToken.None), await definitions.FindAsync(Id, pair.After, CancellationToken.None)));
        if (before is null || after is null)
        {
            return;
        }

        await Dialogs.ShowAsync<DiffDialog>($"Compare", new DialogParameters<DiffDialog>
        {
            { d => d.Before, before.Definition },
            { d => d.After, after.Definition },
            { d => d.BeforeLabel, VersionLabel(pair.Before) },
            { d => d.AfterLabel, VersionLabel(pair.After) },
        }, new DialogOptions { FullScreen = true, CloseButton = true });
    }

    private static string VersionLabel(int version) => version == StoredDefinition.DraftVersion ? "Draft" : $"Version {version}";

    private async Task ConfirmLeaveAsync(LocationChangingContext context)
    {
        if (document?.IsDirty != true)
        {
            return;
        }

        var leave = await Dialogs.ShowMessageBoxAsync(
            "Leave the designer?",
            "The workflow has changes that are not saved. Leave without saving them?",
            yesText: "Leave without saving", cancelText: "Stay");
        if (leave != true)
        {
            context.PreventNavigation();
        }
    }

    public void Dispose()
    {
        if (document is not null)
        {
            document.Changed -= OnDocumentChanged;
        }
    }
}
