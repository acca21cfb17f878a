using Portal.Workflows.Activities;

namespace Portal.Web.Designer;

/// <summary>
/// Which field edits an input, from its descriptor: the type (string, number, boolean, duration, array, object,
/// any) and the designer hint (<c>multiline</c>, <c>roles</c>, <c>users</c>, <c>choice:a,b,c</c>).
/// </summary>
public static class InputEditors
{
    private const string ChoicePrefix = "choice:";

    public static InputEditorKind KindOf(ActivityInputDescriptor input) => (input.Type, input.UiHint) switch
    {
        (_, "roles") => InputEditorKind.Roles,
        (_, "users") => InputEditorKind.Users,
        (_, { } hint) when hint.StartsWith(ChoicePrefix, StringComparison.Ordinal) => InputEditorKind.Choice,
        ("number", _) => InputEditorKind.Number,
        ("boolean", _) => InputEditorKind.Boolean,
        ("duration", _) => InputEditorKind.Duration,
        ("array", _) => InputEditorKind.List,
        ("object" or "any", _) => InputEditorKind.Json,
        (_, "multiline") => InputEditorKind.MultilineText,
        _ => InputEditorKind.Text,
    };

    /// <summary>The options of a <c>choice:a,b,c</c> hint.</summary>
    public static IReadOnlyList<string> ChoicesOf(ActivityInputDescriptor input) =>
        input.UiHint is { } hint && hint.StartsWith(ChoicePrefix, StringComparison.Ordinal)
            ? hint[ChoicePrefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];

    /// <summary>Inputs the descriptor says are usually expressions start in expression mode when unset.</summary>
    public static bool PrefersExpression(ActivityInputDescriptor input) => input.UiHint == "expression";
}
