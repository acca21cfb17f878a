using Microsoft.AspNetCore.Components;
using Portal.Web.Hosting;
using Portal.Web.Workflows.Pages;

namespace Portal.Web.Provisioning.Deployments;

/// <summary>Admin › Deployments: every deployment, the newest first; the list reloads every few seconds so running ones move by themselves.</summary>
public sealed partial class DeploymentsPage : IAsyncDisposable
{
    /// <summary>The most deployments one view lists (each costs two lookups per reload: the list has no batch query yet).</summary>
    public const int Max = 100;

    private IReadOnlyList<DeploymentView> deployments = [];
    private DeploymentLabels? labels;
    private AutoRefresh? autoRefresh;

    /// <summary>How often the page reloads while it is open; the router leaves the default, tests change it.</summary>
    [Parameter] public TimeSpan RefreshInterval { get; set; } = AutoRefresh.Interval;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    [Inject] public required ILogger<DeploymentsPage> Logger { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync(CancellationToken.None);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            autoRefresh = new AutoRefresh(RefreshInterval, Clock, Logger, RefreshAsync);
        }
    }

    private Task RefreshAsync(CancellationToken cancellationToken) => InvokeAsync(async () =>
    {
        await LoadAsync(cancellationToken);
        StateHasChanged();
    });

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        (deployments, labels) = await Scopes.InScopeAsync(async services =>
        {
            var list = await services.GetRequiredService<DeploymentAdministration>().ListAsync(null, Max, cancellationToken);
            return (list, await DeploymentLabels.LoadAsync(services, list.Select(d => d.ImageId), cancellationToken));
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (autoRefresh is not null)
        {
            await autoRefresh.DisposeAsync();
        }
    }
}
