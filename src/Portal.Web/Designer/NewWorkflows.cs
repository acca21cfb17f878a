using System.Text.RegularExpressions;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer;

/// <summary>A blank flow (Start joined to End) for Admin › Workflows to create, and the id rule its dialog checks.</summary>
public static partial class NewWorkflows
{
    /// <summary>A flow that validates as it is, so the admin starts from something that runs.</summary>
    public static WorkflowDefinition Blank(NewWorkflowName name) => new()
    {
        Id = name.Id,
        Name = name.Name,
        Activities =
        [
            new ActivityNode { Id = "start", Type = "Start", Position = new Position(40, 120) },
            new ActivityNode { Id = "end", Type = "End", Position = new Position(240, 120) },
        ],
        Connections = [new Connection("start", "Done", "end")],
    };

    /// <summary>Why an id cannot be used for a new workflow, or null when it can.</summary>
    public static string? IdProblem(string id, IReadOnlyCollection<string> taken)
    {
        if (!IdPattern().IsMatch(id))
        {
            return "Start with a letter; then letters, digits, '.', '_' or '-'.";
        }

        return taken.Contains(id, StringComparer.Ordinal) ? $"'{id}' is taken: another workflow has this id." : null;
    }

    /// <summary>The definition id syntax of the format (workflows/workflow-definition.schema.json).</summary>
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9._-]*\z")]
    private static partial Regex IdPattern();
}
