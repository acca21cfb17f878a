using Portal.Workflows.Runtime;

namespace Portal.Workflows.Persistence;

/// <summary>An instance in a list: what the admin page filters on.</summary>
public sealed record InstanceSummary(
    string Id, string DefinitionId, int DefinitionVersion, WorkflowStatus Status, string? CorrelationId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
