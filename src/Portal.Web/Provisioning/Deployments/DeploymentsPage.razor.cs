using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Web.Hosting;
using Portal.Web.Workflows.Pages;

namespace Portal.Web.Provisioning.Deployments;

/// <summary>
/// Admin › Deployments: every deployment, the newest first, paged in the database (a page costs a count, one query
/// that joins each deployment with its workflow and server, and one for the images' names); the page on screen
/// reloads every few seconds so running ones move by themselves.
/// </summary>
public sealed partial class DeploymentsPage : IAsyncDisposable
{
    /// <summary>Rows per page, unless the reader picks another size in the pager.</summary>
    public const int PageSize = 25;

    private MudTable<DeploymentView>? table;
    private DeploymentLabels labels = new(new Dictionary<Guid, Portal.Domain.Library.MasterImage>(), new Dictionary<Guid, Portal.Domain.Library.Platform>());
    private AutoRefresh? autoRefresh;
    private bool loaded;

    /// <summary>How often the page reloads while it is open; the router leaves the default, tests change it.</summary>
    [Parameter] public TimeSpan RefreshInterval { get; set; } = AutoRefresh.Interval;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    [Inject] public required ILogger<DeploymentsPage> Logger { get; init; }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            autoRefresh = new AutoRefresh(RefreshInterval, Clock, Logger, RefreshAsync);
        }
    }

    private async Task<TableData<DeploymentView>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var (page, pageLabels) = await Scopes.InScopeAsync(async services =>
        {
            var found = await services.GetRequiredService<DeploymentAdministration>().PageAsync(null, state.Page, state.PageSize, cancellationToken);
            return (found, await DeploymentLabels.LoadAsync(services, found.Items.Select(d => d.ImageId), cancellationToken));
        });
        labels = pageLabels;
        loaded = true;
        return new TableData<DeploymentView> { Items = page.Items, TotalItems = page.Total };
    }

    private Task RefreshAsync(CancellationToken cancellationToken) => InvokeAsync(async () =>
    {
        if (table is not null)
        {
            await table.ReloadServerData();
        }
    });

    public async ValueTask DisposeAsync()
    {
        if (autoRefresh is not null)
        {
            await autoRefresh.DisposeAsync();
        }
    }
}
