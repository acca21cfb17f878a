using Portal.Domain.Notifications;
using Portal.Domain.Requests;
using Portal.Provisioning.Approvals;

namespace Portal.Provisioning.Requests;

/// <summary>
/// What a request's life tells people: its requester hears that it was submitted, approved, rejected, completed or
/// failed; the people an approval task names hear that it waits for them. Each event carries an idempotency key (the
/// request's id, or the task's), so a workflow step or a decision delivered twice notifies once.
/// </summary>
public sealed class RequestNotifications(INotifier notifier)
{
    public static string RequestLink(Guid requestId) => $"/requests/{requestId}";

    public const string ApprovalsLink = "/approvals";

    public Task SubmittedAsync(ServerRequest request, CancellationToken cancellationToken) =>
        ToRequesterAsync(request, NotificationKind.RequestSubmitted, "Request submitted",
            $"Your request for {Servers(request)} ({request.ImageName}) was recorded and waits for approval.", cancellationToken);

    /// <summary>The request moved to <paramref name="request"/>'s status; the statuses its requester hears about notify, the others do not.</summary>
    public Task MovedAsync(ServerRequest request, CancellationToken cancellationToken) => request.Status switch
    {
        RequestStatus.Approved => ToRequesterAsync(request, NotificationKind.RequestApproved, "Request approved",
            $"Your request for {Servers(request)} was approved; deployment starts now.", cancellationToken),
        RequestStatus.Rejected => ToRequesterAsync(request, NotificationKind.RequestRejected, "Request rejected",
            $"Your request for {Servers(request)} was rejected.{Reason(request)}", cancellationToken),
        RequestStatus.Completed => ToRequesterAsync(request, NotificationKind.RequestCompleted, "Servers ready",
            $"Every server of your request is running: {Servers(request)}.", cancellationToken),
        RequestStatus.Failed => ToRequesterAsync(request, NotificationKind.RequestFailed, "Request failed",
            $"A deployment of your request for {Servers(request)} failed; an admin can retry it.{Reason(request)}", cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>Tells everyone an open task names (users, and members of its roles but its requester) that it waits for them.</summary>
    public async Task WaitingAsync(IEnumerable<ApprovalTask> tasks, CancellationToken cancellationToken)
    {
        foreach (var task in tasks)
        {
            var from = task.ExcludedUser is { } requester ? $" from {requester}" : "";
            var message = $"{task.Title}{from}. Open your approvals to decide.";
            foreach (var user in task.Users.Where(u => !task.IsOwnRequest(u) && !task.DecidedBy.Contains(u, StringComparer.OrdinalIgnoreCase)))
            {
                await notifier.NotifyAsync(new Notification(NotificationKind.WaitingForYou, user, "Waiting for you", message, ApprovalsLink) { Key = task.Id }, cancellationToken);
            }

            foreach (var role in task.Roles)
            {
                await notifier.NotifyAsync(
                    Notification.ForRole(NotificationKind.WaitingForYou, role, "Waiting for you", message, ApprovalsLink) with { Key = task.Id, Except = task.ExcludedUser },
                    cancellationToken);
            }
        }
    }

    private Task ToRequesterAsync(ServerRequest request, NotificationKind kind, string title, string message, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(new Notification(kind, request.RequestedBy, title, message, RequestLink(request.Id)) { Key = request.Id.ToString() }, cancellationToken);

    private static string Servers(ServerRequest request)
    {
        var names = request.Hostnames.Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
        return names.Count switch
        {
            0 => request.Quantity == 1 ? "1 server" : $"{request.Quantity} servers",
            <= 3 => string.Join(", ", names),
            _ => $"{string.Join(", ", names.Take(3))} and {names.Count - 3} more",
        };
    }

    private static string Reason(ServerRequest request) => string.IsNullOrWhiteSpace(request.Message) ? "" : $" {request.Message}";
}
