using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;

namespace Portal.Web.Designer.Viewer;

/// <summary>
/// A JSON value as fields a person reads: an object as labelled rows (nested objects indented), a list of plain
/// values on one line, a list of objects numbered, and a masked secret as a lock and the mask — never raw JSON.
/// </summary>
public sealed partial class FieldList
{
    /// <summary>The value to show: an activity's inputs or output.</summary>
    [Parameter] public JsonNode? Value { get; set; }

    /// <summary>Inside another field: drawn without its own frame.</summary>
    [Parameter] public bool Nested { get; set; }

    /// <summary>The test id of the outer element.</summary>
    [Parameter] public string? TestId { get; set; }
}
