using System.Text.Json.Nodes;
using Portal.Workflows.Interchange.Elsa;

namespace Portal.Web.Workflows;

/// <summary>
/// What an Elsa import answers: the draft it saved (id, revision for If-Match, when, and its JSON) and every Elsa
/// activity it could not map (by Elsa type and id, and the id it has in the draft), with notes to review.
/// </summary>
public sealed record ElsaImportView(
    string Id, long Revision, DateTimeOffset SavedAt, IReadOnlyList<UnmappedActivity> Unmapped, IReadOnlyList<ImportNote> Notes, JsonNode Definition);
