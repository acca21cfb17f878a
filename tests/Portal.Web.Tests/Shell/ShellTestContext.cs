using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Portal.Web.Approvals;
using Portal.Web.Shell;

namespace Portal.Web.Tests.Shell;

/// <summary>A bUnit context with what the shell needs: MudBlazor, the nav catalog, the approvals badge (counting <see cref="WaitingTasks"/>), browser storage, a user.</summary>
public abstract class ShellTestContext : BunitContext
{
    protected ShellTestContext()
    {
        Auth = AddAuthorization();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<NavigationCatalog>();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<WaitingTaskCounter>((_, _) => Task.FromResult(WaitingTasks));
        Services.AddScoped<WaitingTasksBadge>();
        // The app bar's bell: no database here, so it shows no count (NotificationBellTests render it on one).
        Services.AddSingleton<Portal.Data.Notifications.NotificationHub>();
        Services.AddScoped(sp => new ProtectedLocalStorage(
            sp.GetRequiredService<Microsoft.JSInterop.IJSRuntime>(), new EphemeralDataProtectionProvider()));
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    protected BunitAuthorizationContext Auth { get; }

    /// <summary>How many approval tasks the badge finds waiting for the user.</summary>
    protected int WaitingTasks { get; set; }
}
