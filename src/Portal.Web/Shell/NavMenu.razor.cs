using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Portal.Web.Approvals;
using Portal.Web.Workflows.Pages;

namespace Portal.Web.Shell;

/// <summary>
/// The drawer's links, filtered by the signed-in user's roles. The "Approvals" link carries the number of tasks
/// waiting for the user: counted on each navigation and every half minute, and reported by the approvals page itself.
/// </summary>
public sealed partial class NavMenu : IAsyncDisposable
{
    private ClaimsPrincipal user = new();
    private bool countsWaitingTasks;
    private bool counted;
    private AutoRefresh? badgeRefresh;

    [Inject] public required NavigationCatalog Catalog { get; init; }

    [Inject] public required WaitingTasksBadge Badge { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    [Inject] public required ILogger<NavMenu> Logger { get; init; }

    /// <summary>The signed-in user, cascaded by the router.</summary>
    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    private IReadOnlyList<IGrouping<string?, NavEntry>> Groups { get; set; } = [];

    protected override void OnInitialized()
    {
        Badge.Changed += OnBadgeChanged;
        Navigation.LocationChanged += OnLocationChanged;
    }

    protected override async Task OnParametersSetAsync()
    {
        var signedIn = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        var visible = Catalog.VisibleTo(signedIn);
        Groups = visible.GroupBy(e => e.Group).ToList();
        user = signedIn;
        countsWaitingTasks = visible.Any(e => e.ShowsWaitingTasks);
        if (countsWaitingTasks && !counted)
        {
            counted = true;
            await Badge.RefreshAsync(user, CancellationToken.None);
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive && countsWaitingTasks)
        {
            badgeRefresh = new AutoRefresh(WaitingTasksBadge.PollInterval, Clock, Logger, ct => InvokeAsync(() => Badge.RefreshAsync(user, ct)));
        }
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (countsWaitingTasks)
        {
            _ = InvokeAsync(() => Badge.RefreshAsync(user, CancellationToken.None));
        }
    }

    private void OnBadgeChanged() => _ = InvokeAsync(StateHasChanged);

    public async ValueTask DisposeAsync()
    {
        Badge.Changed -= OnBadgeChanged;
        Navigation.LocationChanged -= OnLocationChanged;
        if (badgeRefresh is not null)
        {
            await badgeRefresh.DisposeAsync();
        }
    }
}
