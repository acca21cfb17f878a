using Microsoft.AspNetCore.Components;
using Portal.Data.Notifications;
using Portal.Web.Hosting;
using Portal.Web.Workflows.Pages;

namespace Portal.Web.Notifications;

/// <summary>
/// The bell in the app bar, one per circuit. It reads the signed-in person's unread count and latest notifications
/// from the database, then stays current without a reload: the <see cref="NotificationHub"/> wakes it when this
/// node records a notification for the person (or they mark one read in another tab), and it also reads again every
/// <see cref="PollInterval"/>, which is how notifications recorded by another portal node arrive. Both stop with the
/// component.
/// </summary>
public sealed partial class NotificationBell : IAsyncDisposable
{
    /// <summary>How many notifications the menu lists.</summary>
    public const int Shown = 8;

    /// <summary>How often the bell reads by itself (the fallback for notifications recorded on another node).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(20);

    private IReadOnlyList<InboxNotification> recent = [];
    private int unread;
    private IDisposable? subscription;
    private AutoRefresh? poll;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required NotificationHub Hub { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    [Inject] public required ILogger<NotificationBell> Logger { get; init; }

    /// <summary>The signed-in person's user name, whose notifications the bell shows.</summary>
    [Parameter, EditorRequired] public required string UserName { get; set; }

    private string AriaLabel => unread switch
    {
        0 => "Notifications",
        1 => "Notifications: 1 unread",
        _ => $"Notifications: {unread} unread",
    };

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            await LoadAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The bell is not worth a broken page: it shows what it had, and the next signal or tick reads again.
            LogRefreshFailed(Logger, e);
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            subscription = Hub.Subscribe(UserName, () => _ = InvokeAsync(() => RefreshAsync(CancellationToken.None)));
            poll = new AutoRefresh(PollInterval, Clock, Logger, ct => InvokeAsync(() => RefreshAsync(ct)));
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadAsync(cancellationToken);
            StateHasChanged();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database briefly away: the bell keeps what it shows, the next signal or tick reads again.
            LogRefreshFailed(Logger, e);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var page = await Scopes.WithAsync<NotificationStore, InboxPage>(store => store.ListAsync(UserName, 1, Shown, cancellationToken));
        recent = page.Items;
        unread = page.UnreadCount;
    }

    private async Task OpenAsync(InboxNotification item)
    {
        if (!item.IsRead)
        {
            await Scopes.WithAsync<NotificationStore, bool>(store => store.MarkReadAsync(UserName, item.Id, CancellationToken.None));
            Hub.Publish([UserName]);
        }

        if (item.Link is { } link)
        {
            Navigation.NavigateTo(link);
        }
    }

    private async Task MarkAllReadAsync()
    {
        var newest = recent.Count == 0 ? 0 : recent.Max(n => n.Id);
        await Scopes.WithAsync<NotificationStore, int>(store => store.MarkAllReadAsync(UserName, newest, CancellationToken.None));
        Hub.Publish([UserName]);
    }

    public async ValueTask DisposeAsync()
    {
        subscription?.Dispose();
        if (poll is not null)
        {
            await poll.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the notifications for the bell failed; it keeps what it shows")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
