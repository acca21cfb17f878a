using MudBlazor;
using Portal.Domain.Requests;

namespace Portal.Web.Requests;

/// <summary>How the journey's pages name a request's status: the words, colours and icons people read.</summary>
public static class RequestText
{
    public static string Status(RequestStatus status) => status switch
    {
        RequestStatus.PendingApproval => "Pending approval",
        _ => status.ToString(),
    };

    public static Color StatusColor(RequestStatus status) => status switch
    {
        RequestStatus.PendingApproval => Color.Warning,
        RequestStatus.Approved or RequestStatus.Provisioning => Color.Info,
        RequestStatus.Completed => Color.Success,
        RequestStatus.Rejected or RequestStatus.Failed => Color.Error,
        _ => Color.Default,
    };

    public static string StatusIcon(RequestStatus status) => status switch
    {
        RequestStatus.PendingApproval => Icons.Material.Filled.HourglassTop,
        RequestStatus.Approved => Icons.Material.Filled.ThumbUp,
        RequestStatus.Provisioning => Icons.Material.Filled.Sync,
        RequestStatus.Completed => Icons.Material.Filled.CheckCircle,
        RequestStatus.Rejected => Icons.Material.Filled.ThumbDown,
        RequestStatus.Failed => Icons.Material.Filled.Error,
        _ => Icons.Material.Filled.Cancel,
    };

    /// <summary>Whether the request may still change by itself (a page showing it keeps polling).</summary>
    public static bool IsLive(RequestStatus status) =>
        status is RequestStatus.PendingApproval or RequestStatus.Approved or RequestStatus.Provisioning;
}
