using Microsoft.AspNetCore.Components;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer.Properties;

/// <summary>The selected activity's properties: display name, id, and one field per input of its descriptor, each with the validator's messages.</summary>
public sealed partial class ActivityProperties
{
    private string? idDraft;
    private string? idError;
    private string? shownId;

    /// <summary>The definition being edited.</summary>
    [Parameter, EditorRequired] public DesignerDocument Document { get; set; } = null!;

    /// <summary>The activity shown.</summary>
    [Parameter, EditorRequired] public string ActivityId { get; set; } = "";

    /// <summary>The activity types, for the descriptor of this one.</summary>
    [Parameter, EditorRequired] public ActivityRegistry Activities { get; set; } = null!;

    /// <summary>The last validation's errors.</summary>
    [Parameter] public ValidationIndex Validation { get; set; } = ValidationIndex.Empty;

    /// <summary>Finds users for user pickers.</summary>
    [Parameter] public UserSearch? SearchUsers { get; set; }

    /// <summary>Asked to delete the activity (the canvas does it, so the selection goes too).</summary>
    [Parameter] public EventCallback OnDelete { get; set; }

    /// <summary>Told when the activity's id changed, so the selection follows it.</summary>
    [Parameter] public EventCallback<string> IdChanged { get; set; }

    private ActivityNode? Activity => Document.Definition.Find(ActivityId);

    private ActivityDescriptor? Descriptor => Activity is { } a ? Activities.Find(a.Type)?.Descriptor : null;

    private string Color => ActivityAppearance.ColorFor(Descriptor?.Category);

    private ExpressionScopeHints Scope => ExpressionScopeHints.For(Document.Definition, ActivityId);

    protected override void OnParametersSet()
    {
        if (shownId != ActivityId)
        {
            shownId = ActivityId;
            idDraft = null;
            idError = null;
        }
    }

    private Task RenameAsync(string? name)
    {
        Document.Rename(ActivityId, name);
        return Task.CompletedTask;
    }

    private Task SetInputAsync(string input, InputValue? value)
    {
        Document.SetInput(ActivityId, input, value);
        return Task.CompletedTask;
    }

    private async Task ChangeIdAsync(string? value)
    {
        var id = value?.Trim() ?? "";
        idDraft = id;
        if (id == ActivityId)
        {
            idDraft = null;
            idError = null;
            return;
        }

        idError = !DefinitionEdits.IsIdentifier(id)
            ? "An id is a name expressions can use: letters, digits and _, starting with a letter."
            : Document.Definition.Find(id) is not null ? $"Another activity already has the id '{id}'." : null;
        if (idError is not null)
        {
            return;
        }

        idDraft = null;
        Document.ChangeId(ActivityId, id);
        shownId = id;
        await IdChanged.InvokeAsync(id);
    }

    private Task Delete() => OnDelete.InvokeAsync();
}
