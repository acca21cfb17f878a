namespace Portal.Web.Tests.Security;

/// <summary>The columns of the authorization matrix: who calls.</summary>
public enum AuthorizationMatrixRole
{
    /// <summary>No session.</summary>
    Anonymous,

    /// <summary>requester@portal.local, who owns the matrix's requests.</summary>
    Requester,

    /// <summary>A second requester (another team): someone else's request must look missing to them.</summary>
    OtherRequester,

    /// <summary>approver@portal.local, the demo approver, who is also a requester.</summary>
    Approver,

    /// <summary>An approver with no other role: what approving alone allows.</summary>
    ApproverOnly,

    /// <summary>admin@portal.local.</summary>
    Admin,
}
