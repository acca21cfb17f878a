using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Data.Deployments;
using Portal.Domain.Library;
using Portal.Web.Hosting;
using Portal.Web.Shell;
using Portal.Web.Workflows.Pages;

namespace Portal.Web.Provisioning.Servers;

/// <summary>
/// Admin › Servers: every deployed server with the machine under it, and its actions (<see cref="ServerActions"/>);
/// the page says which workflow instance an action started and links to it. Owners use My servers instead.
/// </summary>
public sealed partial class ServersPage
{
    /// <summary>Rows per page, unless the reader picks another size in the pager.</summary>
    public const int PageSize = 25;

    private MudTable<ServerRow>? table;
    private IReadOnlyList<Platform> platforms = [];
    private ServerActionStarted? started;
    private bool showDecommissioned;
    private bool anyServer;
    private bool ready;
    private bool busy;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    protected override async Task OnInitializedAsync()
    {
        anyServer = await Scopes.InScopeAsync(services => services.GetRequiredService<DeploymentListReader>().AnyServerAsync(CancellationToken.None));
        ready = true;
    }

    private async Task<TableData<ServerRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var (page, total) = await Scopes.InScopeAsync(services =>
            ServerOverview.PageAsync(services, null, showDecommissioned, state.Page, state.PageSize, cancellationToken));
        platforms = page.Platforms;
        return new TableData<ServerRow> { Items = page.Servers, TotalItems = total };
    }

    private async Task ShowDecommissionedAsync(bool show)
    {
        showDecommissioned = show;
        await table.ReloadFromFirstPageAsync();
    }

    private async Task ReloadAsync()
    {
        busy = true;
        try
        {
            if (table is null)
            {
                await OnInitializedAsync();
            }
            else
            {
                await table.ReloadServerData();
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task Started(ServerActionStarted action)
    {
        started = action;
        Snackbar.Add($"{action.What}: workflow instance {WorkflowText.ShortId(action.InstanceId)} started.", Severity.Info, options =>
        {
            options.Action = "Open";
            options.OnClick = _ =>
            {
                Navigation.NavigateTo(action.Href);
                return Task.CompletedTask;
            };
        });
        await ReloadAsync();
    }
}
