using Microsoft.AspNetCore.Components;
using Portal.Workflows.Persistence;

namespace Portal.Web.Designer.History;

/// <summary>
/// The draft and the published versions, newest first, with who saved each, when and the publish comment: open one
/// (a published version read-only), revert the draft to one, or compare two side by side.
/// </summary>
public sealed partial class VersionHistory
{
    private int before;
    private int after;
    private IReadOnlyList<DefinitionVersion>? shown;

    [Parameter, EditorRequired] public IReadOnlyList<DefinitionVersion> Versions { get; set; } = [];

    /// <summary>The version on screen (0 for the draft or the latest being edited).</summary>
    [Parameter] public int? Viewing { get; set; }

    [Parameter] public EventCallback<int> Open { get; set; }

    [Parameter] public EventCallback<int> Revert { get; set; }

    [Parameter] public EventCallback<(int Before, int After)> Compare { get; set; }

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(shown, Versions))
        {
            return;
        }

        // By default the newest against the one before it: what the last change did.
        shown = Versions;
        after = Versions.Count > 0 ? Versions[0].Version : 0;
        before = Versions.Count > 1 ? Versions[1].Version : after;
    }

    private static string Label(int version) => version == StoredDefinition.DraftVersion ? "Draft" : $"Version {version}";
}
