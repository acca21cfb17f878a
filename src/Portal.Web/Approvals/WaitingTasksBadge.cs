using System.Security.Claims;

namespace Portal.Web.Approvals;

/// <summary>
/// The number on the drawer's "Approvals" link, one per circuit. The drawer counts when the person navigates and
/// every <see cref="PollInterval"/> while it is open; the approvals page reports the count whenever it loads the
/// inbox, so the badge follows each decision at once. A failed count keeps the last number (and is logged).
/// </summary>
public sealed partial class WaitingTasksBadge(WaitingTaskCounter count, ILogger<WaitingTasksBadge> logger)
{
    /// <summary>How often the drawer counts by itself.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    /// <summary>The tasks waiting for the person; null until first counted.</summary>
    public int? Count { get; private set; }

    /// <summary>Raised when <see cref="Count"/> changes.</summary>
    public event Action? Changed;

    public async Task RefreshAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        try
        {
            Report(await count(user, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCountFailed(e);
        }
    }

    /// <summary>Takes a count someone already has (the approvals page after loading the inbox).</summary>
    public void Report(int waiting)
    {
        if (Count == waiting)
        {
            return;
        }

        Count = waiting;
        Changed?.Invoke();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting the waiting approval tasks failed; the badge keeps its last number")]
    private partial void LogCountFailed(Exception exception);
}
