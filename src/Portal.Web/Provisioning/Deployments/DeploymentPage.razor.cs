using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Web.Hosting;
using Portal.Web.Workflows.Pages;

namespace Portal.Web.Provisioning.Deployments;

/// <summary>
/// One deployment: its steps as they run, its status (with the reason when it failed), the server it made and
/// its workflow. An admin retries a failed deployment or cancels one whose workflow has not ended. While the
/// deployment is pending or running, the page reloads every few seconds.
/// </summary>
public sealed partial class DeploymentPage : IAsyncDisposable
{
    private DeploymentDetails? details;
    private IReadOnlyList<string> errors = [];
    private List<BreadcrumbItem> breadcrumbs = [];
    private AutoRefresh? autoRefresh;
    private bool loaded;
    private bool busy;

    /// <summary>The deployment's id, from the address.</summary>
    [Parameter] public Guid Id { get; set; }

    /// <summary>How often the page reloads while the deployment runs; the router leaves the default, tests change it.</summary>
    [Parameter] public TimeSpan RefreshInterval { get; set; } = AutoRefresh.Interval;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    [Inject] public required ILogger<DeploymentPage> Logger { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        errors = [];
        await LoadAsync(CancellationToken.None);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            autoRefresh = new AutoRefresh(RefreshInterval, Clock, Logger, RefreshAsync);
        }
    }

    /// <summary>Reloads while the deployment can still move; never in the middle of an admin's action.</summary>
    private Task RefreshAsync(CancellationToken cancellationToken) => InvokeAsync(async () =>
    {
        if (busy || details is not { IsLive: true })
        {
            return;
        }

        await LoadAsync(cancellationToken);
        StateHasChanged();
    });

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var id = Id;
        var found = await Scopes.InScopeAsync(services => DeploymentDetails.LoadAsync(services, id, cancellationToken));
        if (id != Id)
        {
            return;
        }

        details = found;
        breadcrumbs = found is null ? [] : [new("Deployments", "/admin/deployments"), new(found.Deployment.Id.ToString("N")[..8], null, disabled: true)];
        loaded = true;
    }

    private Task RetryAsync() => AdministerAsync(
        (administration, ct) => administration.RetryAsync(Id, ct),
        details is { CanCancel: true } ? "The failed step runs again." : "The deployment starts again from the beginning.");

    private async Task CancelAsync()
    {
        var answer = await Dialogs.ShowMessageBoxAsync(
            "Cancel this deployment?",
            "Nothing more of it runs, and what it reserved is given back (a VM it created is deleted). A cancelled deployment cannot be resumed.",
            yesText: "Cancel deployment", cancelText: "Keep it");
        if (answer == true)
        {
            await AdministerAsync((administration, ct) => administration.CancelAsync(Id, ct), "Cancelling: its hardware is given back in a moment.");
        }
    }

    private async Task AdministerAsync(
        Func<DeploymentAdministration, CancellationToken, Task<AdminOutcome<DeploymentView>>> action, string success)
    {
        busy = true;
        errors = [];
        try
        {
            var outcome = await Scopes.WithAsync<DeploymentAdministration, AdminOutcome<DeploymentView>>(a => action(a, CancellationToken.None));
            if (outcome.Succeeded)
            {
                Snackbar.Add(success, Severity.Success);
            }
            else
            {
                errors = outcome.Messages;
            }

            await LoadAsync(CancellationToken.None);
        }
        finally
        {
            busy = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (autoRefresh is not null)
        {
            await autoRefresh.DisposeAsync();
        }
    }
}
