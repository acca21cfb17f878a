using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;

namespace Portal.Web.Workflows.Pages;

/// <summary>An instance's inputs or variables as name and value; a masked secret shows a lock and the mask.</summary>
public sealed partial class ValuesTable
{
    /// <summary>The section's heading.</summary>
    [Parameter, EditorRequired] public required string Title { get; set; }

    /// <summary>One line under the heading saying what the values are.</summary>
    [Parameter] public string? Description { get; set; }

    /// <summary>The values, already masked by <see cref="InstanceView"/>.</summary>
    [Parameter, EditorRequired] public required JsonObject Values { get; set; }

    /// <summary>The prefix of the section's test ids ("inputs" gives "inputs-section" and "inputs-NAME").</summary>
    [Parameter, EditorRequired] public required string TestId { get; set; }

    private static bool IsMasked(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && text == InstanceView.Mask;
}
