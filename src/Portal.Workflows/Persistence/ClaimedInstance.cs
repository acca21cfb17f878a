namespace Portal.Workflows.Persistence;

/// <summary>An instance this node holds the lease of, with the due work items it claimed for it, oldest first.</summary>
public sealed record ClaimedInstance(InstanceLease Lease, IReadOnlyList<WorkItem> Items);
