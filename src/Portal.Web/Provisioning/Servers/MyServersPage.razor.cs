using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using Portal.Domain.Deployments;
using Portal.Domain.Leases;
using Portal.Domain.Security;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Leases;
using Portal.Web.Hosting;
using Portal.Web.Leases;
using Portal.Web.Requests;
using Portal.Web.Workflows.Pages;

namespace Portal.Web.Provisioning.Servers;

/// <summary>
/// My servers: a requester's own servers (an admin sees everyone's, with the owner) with what it takes to use them —
/// host name, address, platform, hardware, the image and request they came from — and their actions
/// (<see cref="ServerActions"/>). A password the portal generated is shown once, to the owner only, in a dialog; the
/// value is never kept by the page. While a server is being built or torn down the list reloads by itself.
/// </summary>
public sealed partial class MyServersPage : IAsyncDisposable
{
    private MyServersOverview? overview;
    private AutoRefresh? autoRefresh;
    private ClaimsPrincipal user = new();
    private string? search;
    private bool isAdmin;
    private bool showDecommissioned;
    private bool busy;
    private DateTimeOffset now;
    private DateTimeOffset? actionStartedAt;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    [Inject] public required ILogger<MyServersPage> Logger { get; init; }

    /// <summary>The signed-in user, cascaded by the router.</summary>
    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Text matched against host name, address, image and owner; the request page links here with a host name.</summary>
    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }

    /// <summary>How often the list reloads while a server is changing; tests shorten it.</summary>
    [Parameter] public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    private string Title => isAdmin ? "Servers" : "My servers";

    private IEnumerable<MyServerRow> Visible => (overview?.Servers ?? [])
        .Where(s => showDecommissioned || s.Server.Status != ServerStatus.Decommissioned)
        .Where(s => search is null || Matches(s, search));

    protected override async Task OnInitializedAsync()
    {
        user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        isAdmin = user.IsInRole(PortalRoles.Admin);
        await LoadAsync(CancellationToken.None);
    }

    protected override void OnParametersSet() => search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            autoRefresh = new AutoRefresh(RefreshInterval, Clock, Logger, RefreshAsync);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var reader = user;
        overview = await Scopes.InScopeAsync(services => MyServersOverview.LoadAsync(services, reader, cancellationToken));
        now = Clock.GetUtcNow();
    }

    /// <summary>Reloads while a server is being built or torn down, and for a while after an action started its workflow.</summary>
    private Task RefreshAsync(CancellationToken cancellationToken) => InvokeAsync(async () =>
    {
        var changing = overview?.Servers.Any(s => s.Server.Status is ServerStatus.Provisioning or ServerStatus.Decommissioning) == true
            || Clock.GetUtcNow() - actionStartedAt < TimeSpan.FromMinutes(2);
        if (busy || !changing)
        {
            return;
        }

        await LoadAsync(cancellationToken);
        StateHasChanged();
    });

    private Task SearchAsync(string? text)
    {
        search = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("q", search), replace: true);
        return Task.CompletedTask;
    }

    private async Task StartedAsync(ServerActionStarted action)
    {
        actionStartedAt = Clock.GetUtcNow();
        Snackbar.Add($"{action.What}: started. Its status changes here when it is done.", Severity.Info, options =>
        {
            if (isAdmin)
            {
                options.Action = "Open workflow";
                options.OnClick = _ =>
                {
                    Navigation.NavigateTo(action.Href);
                    return Task.CompletedTask;
                };
            }
        });
        await LoadAsync(CancellationToken.None);
    }

    /// <summary>
    /// Reveals the generated passwords (the store hands them out once) and shows them in a dialog. They live in a local
    /// and the dialog's parameters only, never in a field of this page, so nothing keeps them after the dialog closes.
    /// </summary>
    private async Task ShowInitialPasswordAsync(MyServerRow row)
    {
        busy = true;
        try
        {
            var serverId = row.Server.Id;
            var owner = user;
            var at = Clock.GetUtcNow();
            var reveal = await Scopes.InScopeAsync(services => InitialPasswords.RevealAsync(
                services.GetRequiredService<IDeploymentStore>(), services.GetRequiredService<IImageCatalog>(), owner, serverId, at, CancellationToken.None));
            if (reveal.Secrets is { } secrets)
            {
                var dialog = await Dialogs.ShowAsync<InitialPasswordDialog>($"Initial password of {row.Server.Name}",
                    new DialogParameters<InitialPasswordDialog> { { d => d.Secrets, secrets } },
                    new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = false });
                await dialog.Result;
            }
            else if (reveal.ShownAt is { } shownAt)
            {
                Snackbar.Add($"The initial password of {row.Server.Name} was shown on {RelativeTime.Exact(shownAt)} and is never shown again. If it is lost, reset it on the server.", Severity.Warning);
            }
            else
            {
                Snackbar.Add($"{row.Server.Name} has no password the portal generated for you.", Severity.Warning);
            }

            await LoadAsync(CancellationToken.None);
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>Asks how many days to add, then extends the lease (or asks an approver, when its policy wants one) and says what happened.</summary>
    private async Task ExtendAsync(MyServerRow row, ServerLease lease)
    {
        var now = Clock.GetUtcNow();
        var dialog = await Dialogs.ShowAsync<ExtendLeaseDialog>($"Extend the lease of {row.Server.Name}", new DialogParameters<ExtendLeaseDialog>
        {
            { d => d.ServerName, row.Server.Name },
            { d => d.EndsAt, lease.EndsAt!.Value },
            { d => d.LatestEnd, lease.LatestEnd(now) },
            { d => d.MaxDays, lease.Terms.MaxDays },
            { d => d.NeedsApproval, lease.Terms.ExtensionNeedsApproval && !isAdmin },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: int days })
        {
            return;
        }

        busy = true;
        try
        {
            var serverId = row.Server.Id;
            var name = user.Identity?.Name ?? "";
            var outcome = await Scopes.WithAsync<LeaseBook, LeaseExtensionOutcome>(book =>
                book.ExtendAsync(serverId, new LeaseExtensionAsk(days, null), name, isAdmin, CancellationToken.None));
            switch (outcome.Kind)
            {
                case LeaseExtensionKind.Extended:
                    Snackbar.Add($"The lease of {row.Server.Name} now ends {RelativeTime.Exact(outcome.Lease!.EndsAt!.Value)}.", Severity.Success);
                    break;
                case LeaseExtensionKind.AwaitingApproval:
                    Snackbar.Add($"Asked an approver to extend the lease of {row.Server.Name}. You hear when they decide.", Severity.Info);
                    break;
                default:
                    Snackbar.Add(string.Join(" ", outcome.Errors.Select(e => e.Message)), Severity.Warning);
                    break;
            }

            await LoadAsync(CancellationToken.None);
        }
        finally
        {
            busy = false;
        }
    }

    private Task CopyAsync(string text) => Shell.Clipboard.CopyAsync(JS, Snackbar, text);

    private static bool Matches(MyServerRow row, string text) =>
        new[] { row.Server.Name, row.Server.IpAddress, row.ImageName, row.Server.Owner, row.Row.PlatformName }
            .Any(value => value?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);

    public async ValueTask DisposeAsync()
    {
        if (autoRefresh is not null)
        {
            await autoRefresh.DisposeAsync();
        }
    }
}
