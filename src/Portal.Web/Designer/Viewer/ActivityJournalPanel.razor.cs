using Microsoft.AspNetCore.Components;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer.Viewer;

/// <summary>
/// What one activity did in the instance, newest first: open and resolved incidents, where it waits, its last
/// output, and each journal entry with its event, outcome, time, duration, inputs (as the engine recorded them,
/// secrets masked) and error — as fields, not JSON. A loop's hundred passes show the latest few until asked.
/// </summary>
public sealed partial class ActivityJournalPanel
{
    /// <summary>How many entries show before "show all".</summary>
    public const int FirstEntries = 20;

    private bool showAll;
    private string? shownFor;

    /// <summary>The activity of the definition version the instance runs on.</summary>
    [Parameter, EditorRequired] public ActivityNode Activity { get; set; } = null!;

    /// <summary>What it did in this instance.</summary>
    [Parameter, EditorRequired] public ActivityRun Run { get; set; } = null!;

    /// <summary>Its type's descriptor, for the type's name; null for a type this portal does not know.</summary>
    [Parameter] public ActivityDescriptor? Descriptor { get; set; }

    /// <summary>Told when the panel's close button is pressed.</summary>
    [Parameter] public EventCallback Closed { get; set; }

    private IReadOnlyList<JournalStep> Shown =>
        Run.Steps.Reverse().Take(showAll ? int.MaxValue : FirstEntries).ToList();

    protected override void OnParametersSet()
    {
        if (shownFor != Activity.Id)
        {
            shownFor = Activity.Id;
            showAll = false;
        }
    }

    private Task Close() => Closed.InvokeAsync();
}
