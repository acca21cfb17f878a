using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Portal.Data;
using Portal.Data.Configuration;
using Portal.Data.Notifications;
using Portal.Domain.Notifications;
using Portal.Testing;
using Portal.Web.Notifications;

namespace Portal.Web.Tests.Notifications;

/// <summary>The bell on a real SQLite database with the real notifier and hub: it counts, updates live, marks read and lets go when disposed.</summary>
public sealed class NotificationBellTests : BunitContext, IAsyncLifetime
{
    private const string Carol = "carol@portal.local";
    private readonly TempDirectory folder = new();

    public NotificationBellTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        AddAuthorization().SetAuthorized(Carol);
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        Services.AddPortalDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder.Path, "portal.db")};Pooling=False"));
        Services.AddSingleton(Options.Create(new SmtpOptions()));
        Services.AddSingleton<NotificationHub>();
        Services.AddScoped<NotificationStore>();
        Services.AddSingleton<INotifier, EfNotifier>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public async ValueTask InitializeAsync()
    {
        await using var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.MigrateAsync(Token);
    }

    private Task NotifyCarolAsync(string title, string link = "/requests/1") =>
        Services.GetRequiredService<INotifier>().NotifyAsync(new Notification(NotificationKind.RequestApproved, Carol, title, "web-01 was approved.", link), Token);

    private static string Label(IRenderedComponent<NotificationBell> bell) => bell.Find("button[aria-label^=Notifications]").GetAttribute("aria-label") ?? "";

    [Fact]
    public async Task The_count_rises_when_a_notification_is_recorded_without_anything_rendering_the_bell_again()
    {
        await NotifyCarolAsync("Request approved");
        var bell = Render<NotificationBell>(p => p.Add(b => b.UserName, Carol));
        Assert.Equal("Notifications: 1 unread", Label(bell));

        // From another thread, as the workflow worker records it.
        await Task.Run(() => NotifyCarolAsync("Servers ready"), Token);

        bell.WaitForAssertion(() => Assert.Equal("Notifications: 2 unread", Label(bell)), Patience);
    }

    [Fact]
    public async Task Opening_a_notification_marks_it_read_and_goes_to_its_link()
    {
        await NotifyCarolAsync("Request approved", "/requests/42");
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        var bell = Render<NotificationBell>(p => p.Add(b => b.UserName, Carol));

        bell.Find("button[aria-label^=Notifications]").Click();
        popovers.WaitForElement("[data-testid=notification-item]", Patience).Click();

        bell.WaitForAssertion(() => Assert.Equal("Notifications", Label(bell)), Patience);
        Assert.EndsWith("/requests/42", Services.GetRequiredService<BunitNavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disposed_bell_no_longer_listens()
    {
        var hub = Services.GetRequiredService<NotificationHub>();
        var bell = Render<NotificationBell>(p => p.Add(b => b.UserName, Carol));
        var listening = hub.SubscriberCount(Carol);

        await DisposeComponentsAsync();

        Assert.Equal(1, listening);
        Assert.Equal(0, hub.SubscriberCount(Carol));
        Assert.NotNull(bell);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
