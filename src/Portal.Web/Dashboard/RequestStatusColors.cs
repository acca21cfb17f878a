using Portal.Domain.Requests;

namespace Portal.Web.Dashboard;

/// <summary>The chart colours of request statuses, matching their chips: amber waits, blue builds, green done, red failed, grey ended otherwise.</summary>
public static class RequestStatusColors
{
    public static string Of(RequestStatus status) => status switch
    {
        RequestStatus.PendingApproval => "#fb8c00",
        RequestStatus.Approved => "#29b6f6",
        RequestStatus.Provisioning => "#1565c0",
        RequestStatus.Completed => "#43a047",
        RequestStatus.Failed => "#e53935",
        RequestStatus.Rejected => "#757575",
        _ => "#bdbdbd",
    };
}
