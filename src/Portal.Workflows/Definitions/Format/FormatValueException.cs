using System.Text.Json;

namespace Portal.Workflows.Definitions.Format;

/// <summary>
/// A value of the definition that a converter refuses, with a message written for the admin who edits the file; the
/// reader reports it with the line and the member's path (<see cref="WorkflowDefinitionJson"/>), in place of the
/// serializer's generic "wrong type or format".
/// </summary>
internal class FormatValueException(string message) : JsonException(message);
