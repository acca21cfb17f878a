namespace Portal.Domain.Requests;

/// <summary>Where a request for servers stands, as its requester reads it.</summary>
public enum RequestStatus
{
    /// <summary>Waiting for an approver (or a second one).</summary>
    PendingApproval,

    /// <summary>Signed off; its deployments are about to start.</summary>
    Approved,

    /// <summary>Its servers are being deployed.</summary>
    Provisioning,

    /// <summary>Every server it asked for is running.</summary>
    Completed,

    Rejected,

    /// <summary>A deployment failed: the request page says which and why, and an admin can retry it.</summary>
    Failed,

    Cancelled,
}
