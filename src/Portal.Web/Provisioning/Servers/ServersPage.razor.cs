using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Deployments;
using Portal.Web.Hosting;
using Portal.Web.Workflows.Pages;

namespace Portal.Web.Provisioning.Servers;

/// <summary>
/// Admin › Servers: every deployed server with the machine under it, and its actions (<see cref="ServerActions"/>);
/// the page says which workflow instance an action started and links to it. Owners use My servers instead.
/// </summary>
public sealed partial class ServersPage
{
    private ServerOverview? overview;
    private ServerActionStarted? started;
    private bool showDecommissioned;
    private bool busy;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    private IEnumerable<ServerRow> Visible =>
        overview?.Servers.Where(s => showDecommissioned || s.Server.Status != ServerStatus.Decommissioned) ?? [];

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() =>
        overview = await Scopes.InScopeAsync(services => ServerOverview.LoadAsync(services, null, CancellationToken.None));

    private async Task ReloadAsync()
    {
        busy = true;
        try
        {
            await LoadAsync();
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
