using System.Text.Json.Nodes;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;

namespace Portal.Web.Workflows;

/// <summary>
/// A definition opened for editing over HTTP: its public JSON (<see cref="Definition"/>, exactly what the format
/// writes) with the version it is (0: the draft) and the <see cref="Revision"/> to send as If-Match when saving.
/// </summary>
public sealed record EditableDefinitionView(string Id, int Version, bool IsDraft, long Revision, string? SavedBy, DateTimeOffset SavedAt, JsonNode Definition)
{
    public static EditableDefinitionView From(EditableDefinition opened) => new(
        opened.Definition.Id, opened.Version, opened.IsDraft, opened.Revision, opened.SavedBy, opened.SavedAt,
        JsonNode.Parse(WorkflowDefinitionJson.Write(opened.Definition))!);
}
