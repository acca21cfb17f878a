using Portal.Workflows.Runtime;

namespace Portal.Workflows.Persistence;

/// <summary>
/// One operation's right (a node's batch, an admin's action) to change one instance until <see cref="ExpiresAt"/>. The fence number grows with every
/// lease; a commit carries it, so a node whose lease was taken over can no longer commit.
/// </summary>
public sealed record InstanceLease(string InstanceId, string Owner, long Fence, long Revision, DateTimeOffset ExpiresAt, WorkflowState State);
