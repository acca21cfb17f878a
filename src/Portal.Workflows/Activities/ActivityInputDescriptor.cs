using System.Text.Json.Nodes;

namespace Portal.Workflows.Activities;

/// <summary>
/// One input an activity takes: its name, type (string, number, boolean, duration, object, array, any),
/// whether it must be set, and a hint for the designer's editor (e.g. "expression", "multiline", "roles").
/// </summary>
public sealed record ActivityInputDescriptor(
    string Name, string Type, bool Required = false, string? Description = null, string? UiHint = null, JsonNode? Default = null);
