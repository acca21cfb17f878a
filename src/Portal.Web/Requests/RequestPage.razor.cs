using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using Portal.Domain.Deployments;
using Portal.Domain.Requests;
using Portal.Domain.Security;
using Portal.Domain.Validation;
using Portal.Provisioning.Requests;
using Portal.Web.Hosting;
using Portal.Web.Provisioning;
using Portal.Web.Workflows.Pages;

namespace Portal.Web.Requests;

/// <summary>
/// One request, as its requester follows it: where it stands and what that means, who it waits for and until when,
/// who decided what and why, each server's progress and address, and what happened, in words. The requester (or an
/// admin) cancels it while it waits for approval. Anyone who may not read it is told it does not exist.
/// </summary>
public sealed partial class RequestPage : IAsyncDisposable
{
    private readonly HashSet<Guid> expanded = [];
    private RequestDetails? details;
    private List<BreadcrumbItem> breadcrumbs = [];
    private AutoRefresh? autoRefresh;
    private ClaimsPrincipal user = new();
    private DateTimeOffset now;
    private bool isAdmin;
    private bool ownsOrAdministers;
    private bool loaded;
    private bool busy;

    /// <summary>The request's id, from the address.</summary>
    [Parameter] public Guid Id { get; set; }

    /// <summary>How often the page reloads while the request can still move; the router leaves the default, tests shorten it.</summary>
    [Parameter] public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    [Inject] public required ILogger<RequestPage> Logger { get; init; }

    /// <summary>The signed-in user, cascaded by the router.</summary>
    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        isAdmin = user.IsInRole(PortalRoles.Admin);
        await LoadAsync(CancellationToken.None);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            autoRefresh = new AutoRefresh(RefreshInterval, Clock, Logger, RefreshAsync);
        }
    }

    /// <summary>
    /// Reloads while the request or one of its servers can still move, never in the middle of a cancel. The page polls
    /// the database rather than waiting for a notification: the request may be moved on by another portal node, SQLite
    /// has no change notifications and PostgreSQL's LISTEN or SQL Server's query notifications would need code per
    /// provider, while reading one request's rows by their keys every two seconds is cheap.
    /// </summary>
    private Task RefreshAsync(CancellationToken cancellationToken) => InvokeAsync(async () =>
    {
        if (busy || details is not { } shown || !IsLive(shown.Request))
        {
            return;
        }

        await LoadAsync(cancellationToken);
        StateHasChanged();
    });

    private static bool IsLive(RequestView request) =>
        RequestText.IsLive(request.Status) || request.Servers.Any(s => ProvisioningText.IsLive(s.DeploymentStatus));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var id = Id;
        var reader = user;
        var found = await Scopes.InScopeAsync(services => RequestDetails.LoadAsync(services, id, reader, cancellationToken));
        if (id != Id)
        {
            return;
        }

        details = found;
        now = Clock.GetUtcNow();
        // My servers lists the requester's servers (an admin's: everyone's); an approver has none there.
        ownsOrAdministers = found is not null && (isAdmin || RequestAccess.IsOwner(user, found.Request.RequestedBy));
        breadcrumbs = found is null ? [] : [new("My requests", "/requests"), new(found.Request.Id.ToString("N")[..8], null, disabled: true)];
        loaded = true;
    }

    private async Task CancelAsync()
    {
        var answer = await Dialogs.ShowMessageBoxAsync(
            "Cancel this request?",
            "It is withdrawn before anyone decides: nothing is built, and its host names are free again. This cannot be undone.",
            yesText: "Cancel request", cancelText: "Keep it");
        if (answer != true)
        {
            return;
        }

        busy = true;
        try
        {
            var id = Id;
            var name = user.Identity?.Name ?? "";
            var cancelled = await Scopes.WithAsync<RequestLifecycle, ValidationResult<ServerRequest>>(lifecycle => lifecycle.CancelAsync(id, name, CancellationToken.None));
            if (cancelled.IsValid)
            {
                Snackbar.Add("The request is cancelled.", Severity.Success);
            }
            else
            {
                Snackbar.Add($"The request cannot be cancelled: {string.Join(" ", cancelled.Errors.Select(e => e.Message))}", Severity.Warning);
            }

            await LoadAsync(CancellationToken.None);
        }
        finally
        {
            busy = false;
        }
    }

    private void Toggle(Guid deploymentId)
    {
        if (!expanded.Remove(deploymentId))
        {
            expanded.Add(deploymentId);
        }
    }

    private Task CopyAsync(string text) => Shell.Clipboard.CopyAsync(JS, Snackbar, text);

    public async ValueTask DisposeAsync()
    {
        if (autoRefresh is not null)
        {
            await autoRefresh.DisposeAsync();
        }
    }
}
