namespace Portal.Workflows.Definitions.Diff;

/// <summary>
/// An activity present in both versions whose JSON differs, with the fields that differ in the format's own names:
/// "type", "name", "position", "retry", "compensateWith", and one "inputs.NAME" per changed, added or removed input.
/// </summary>
public sealed record ActivityChange(string Id, ActivityNode Before, ActivityNode After, IReadOnlyList<string> Fields)
{
    /// <summary>Only the drawing moved: nothing that changes how the workflow runs.</summary>
    public bool IsLayoutOnly => Fields.All(f => f == "position");
}
