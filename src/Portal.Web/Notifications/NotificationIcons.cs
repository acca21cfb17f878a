using MudBlazor;
using Portal.Domain.Notifications;

namespace Portal.Web.Notifications;

/// <summary>The icon of each kind of notification, in the bell's menu.</summary>
public static class NotificationIcons
{
    public static string For(NotificationKind kind) => kind switch
    {
        NotificationKind.RequestSubmitted => Icons.Material.Filled.Send,
        NotificationKind.WaitingForYou => Icons.Material.Filled.HowToVote,
        NotificationKind.RequestApproved => Icons.Material.Filled.ThumbUp,
        NotificationKind.RequestRejected => Icons.Material.Filled.ThumbDown,
        NotificationKind.RequestCompleted => Icons.Material.Filled.CheckCircle,
        NotificationKind.RequestFailed => Icons.Material.Filled.Error,
        NotificationKind.LeaseExpiring or NotificationKind.LeaseExtended or NotificationKind.LeaseEnded => Icons.Material.Filled.EventBusy,
        _ => Icons.Material.Filled.Notifications,
    };
}
