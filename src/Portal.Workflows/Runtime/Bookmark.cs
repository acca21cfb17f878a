using System.Text.Json.Nodes;

namespace Portal.Workflows.Runtime;

/// <summary>A place where an instance waits: which activity execution, for what (name), until when (due time).</summary>
public sealed record Bookmark(
    string Id, string Name, string ActivityId, string ExecutionId, DateTimeOffset CreatedAt, DateTimeOffset? DueAt = null, JsonNode? Data = null);
