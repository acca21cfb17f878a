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
        if (loadedId == Id)
        {
            return;
        }

        loadedId = Id;
        descriptors = Activities.Descriptors.ToList();
        var (draft, latest) = await Scopes.WithAsync<WorkflowDefinitions, (StoredDefinition?, StoredDefinition?)>(async definitions =>
            (await definitions.FindAsync(Id, StoredDefinition.DraftVersion, CancellationToken.None),
             await definitions.FindAsync(Id, null, CancellationToken.None)));
        if ((draft ?? latest) is not { } stored)
        {
            notFound = true;
            return;
        }

        hasDraft = draft is not null;
        publishedVersion = latest?.Version;
        if (document is not null)
        {
            document.Changed -= OnDocumentChanged;
        }

        document = new DesignerDocument(stored.Definition);
        document.Changed += OnDocumentChanged;
        selection = DesignerSelection.None;
        Revalidate();
    }

    private void OnDocumentChanged()
    {
        Revalidate();
        StateHasChanged();
    }

    private void Revalidate()
    {
        validation = new ValidationIndex(Validator.Validate(document!.Definition), document.Definition);
        canvas?.Flag(validation.FlaggedActivities);
    }

    protected override void OnAfterRender(bool firstRender)
    {
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

    private Task OnDropAsync(Position at)
    {
        if (dragging is { } descriptor)
        {
            dragging = null;
            var id = document!.AddActivity(descriptor, at);
            canvas?.Select([id]);
        }

        return Task.CompletedTask;
    }

    private Task AddFromPaletteAsync(ActivityDescriptor descriptor)
    {
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
            await SaveDraftAsync();
            Snackbar.Add("Draft saved.", Severity.Success);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task SaveDraftAsync()
    {
        var definition = document!.Definition;
        var author = await UserNameAsync();
        await Scopes.InScopeAsync(async services =>
        {
            await services.GetRequiredService<WorkflowDefinitions>().SaveDraftAsync(definition, author, CancellationToken.None);
            return true;
        });
        Logger.LogInformation("Saved the draft of workflow {WorkflowId}", definition.Id);
        // Only what was saved counts as saved: an edit made while the save ran stays unsaved.
        if (ReferenceEquals(document.Definition, definition))
        {
            document.MarkSaved();
        }

        hasDraft = true;
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
            await SaveDraftAsync();
            var author = await UserNameAsync();
            var result = await Scopes.WithAsync<WorkflowDefinitions, ValidationResult<StoredDefinition>>(
                definitions => definitions.PublishAsync(document!.Definition.Id, author, CancellationToken.None));
            if (!result.IsValid)
            {
                validation = new ValidationIndex(result.Errors, document!.Definition);
                showErrors = true;
                Snackbar.Add("The workflow was not published: fix the problems listed.", Severity.Error);
                return;
            }

            // The comment is kept with the version once the definition store records comments (version history).
            Logger.LogInformation("Published version {Version} of workflow {WorkflowId}: {Comment}", result.Value.Version, result.Value.Definition.Id, comment);
            publishedVersion = result.Value.Version;
            hasDraft = false;
            Snackbar.Add($"Published version {result.Value.Version}.", Severity.Success);
        }
        finally
        {
            busy = false;
        }
    }

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
