using System.Text.Json.Nodes;
using Portal.Workflows.Definitions;
using Portal.Workflows.Runtime;

namespace Portal.Web.Workflows;

/// <summary>
/// An instance as admins see it; secret workflow inputs and variables show only a mask. A child run links to its
/// parent; a parent lists the children its RunWorkflow activities ran (their variables stay on the child's page,
/// where the child's definition says which are secret).
/// </summary>
public sealed record InstanceView(
    string Id, string DefinitionId, int DefinitionVersion, WorkflowStatus Status, string? CorrelationId, string? FaultMessage,
    JsonObject Inputs, JsonObject Variables, IReadOnlyList<Bookmark> Bookmarks, IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<Incident> Incidents, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string? ParentInstanceId = null, IReadOnlyList<ChildRun>? Children = null)
{
    public const string Mask = Portal.Domain.Library.SecretValue.Mask;

    public static InstanceView From(WorkflowState state, WorkflowDefinition? definition)
    {
        var secretInputs = definition?.Inputs.Where(i => i.Secret).Select(i => i.Name).ToHashSet() ?? [];
        var secretVariables = definition?.Variables.Where(v => v.Secret).Select(v => v.Name).ToHashSet() ?? [];
        return new InstanceView(
            state.InstanceId, state.DefinitionId, state.DefinitionVersion, state.Status, state.CorrelationId, state.FaultMessage,
            Masked(state.Inputs, secretInputs, definition is null), Masked(state.Variables, secretVariables, definition is null),
            state.Bookmarks, state.Journal, state.Incidents, state.CreatedAt, state.UpdatedAt,
            state.ParentInstanceId, ChildrenOf(state, definition));
    }

    /// <summary>The children of finished RunWorkflow activities: one, or one per element of a fan-out (<c>children[]</c>).</summary>
    private static List<ChildRun> ChildrenOf(WorkflowState state, WorkflowDefinition? definition) =>
        definition?.Activities
            .Where(a => a.Type == "RunWorkflow" && state.Outputs.TryGetPropertyValue(a.Id, out var output) && output is not null)
            .SelectMany(a =>
            {
                var output = state.Outputs[a.Id]!;
                var ids = output["children"] is JsonArray many ? many.Select(c => c?["childId"]?.GetValue<string>()) : [output["childId"]?.GetValue<string>()];
                return ids.OfType<string>().Select(id => new ChildRun(a.Id, a.DisplayName, id));
            })
            .ToList() ?? [];

    /// <summary>Without the definition nothing says which values are secret, so none is shown.</summary>
    private static JsonObject Masked(JsonObject values, HashSet<string> secrets, bool maskAll) =>
        new(values.Select(p => KeyValuePair.Create(p.Key, maskAll || secrets.Contains(p.Key) ? (JsonNode?)Mask : p.Value?.DeepClone())));
}
