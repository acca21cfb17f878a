using Portal.Workflows.Persistence;

namespace Portal.Data.Workflows;

/// <summary>One page of workflow instances and how many match in all.</summary>
public sealed record InstanceSummaryPage(IReadOnlyList<InstanceSummary> Items, int Total);
