using Portal.Domain.Audit;

namespace Portal.Web.Admin.Audit;

/// <summary>The audit actions in words, for the page.</summary>
public static class AuditText
{
    public static string Action(AuditAction action) => action switch
    {
        AuditAction.RequestSubmitted => "Request submitted",
        AuditAction.RequestApproved => "Request approved",
        AuditAction.RequestRejected => "Request rejected",
        AuditAction.RequestCancelled => "Request withdrawn",
        AuditAction.WorkflowPublished => "Workflow published",
        AuditAction.InventoryChanged => "Inventory changed",
        AuditAction.PlatformChanged => "Platform changed",
        AuditAction.SignInFailed => "Sign-in failed",
        AuditAction.TokenCreated => "Token created",
        AuditAction.TokenRevoked => "Token revoked",
        AuditAction.QuotaChanged => "Quota changed",
        AuditAction.LeaseExtended => "Lease extended",
        AuditAction.LeaseExtensionRequested => "Lease extension asked",
        AuditAction.LeasePolicyChanged => "Lease policy changed",
        AuditAction.LeaseExpired => "Lease expired",
        _ => action.ToString(),
    };
}
