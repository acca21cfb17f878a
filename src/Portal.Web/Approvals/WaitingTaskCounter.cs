using System.Security.Claims;

namespace Portal.Web.Approvals;

/// <summary>Counts the tasks waiting for a person (the portal counts with <see cref="ApprovalInbox.CountAsync"/> in a scope of its own).</summary>
public delegate Task<int> WaitingTaskCounter(ClaimsPrincipal user, CancellationToken cancellationToken);
