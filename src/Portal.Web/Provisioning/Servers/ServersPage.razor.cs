using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Deployments;
using Portal.Domain.Validation;
using Portal.Provisioning.Deployments;
using Portal.Web.Hosting;
using Portal.Web.Workflows.Pages;
using Portal.Workflows.Runtime;

namespace Portal.Web.Provisioning.Servers;

/// <summary>
/// Admin › Servers: every deployed server, with Capture (asks for a name), Migrate (asks where) and Decommission
/// (asks first), each starting its shipped workflow; the page says which instance started and links to it.
/// </summary>
public sealed partial class ServersPage
{
    private ServerOverview? overview;
    private Started? started;
    private string userName = "";
    private bool showDecommissioned;
    private bool busy;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    /// <summary>The signed-in admin, cascaded by the router: the owner of captured images.</summary>
    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    private IEnumerable<ServerRow> Visible =>
        overview?.Servers.Where(s => showDecommissioned || s.Server.Status != ServerStatus.Decommissioned) ?? [];

    protected override async Task OnInitializedAsync()
    {
        var user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        userName = user.Identity?.Name ?? "";
        await LoadAsync();
    }

    private async Task LoadAsync() =>
        overview = await Scopes.InScopeAsync(services => ServerOverview.LoadAsync(services, CancellationToken.None));

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

    private async Task DecommissionAsync(ServerRow row)
    {
        var answer = await Dialogs.ShowMessageBoxAsync(
            $"Decommission {row.Server.Name}?",
            "It is powered off, its VM and disks deleted (or a physical server's disks wiped), and its hardware goes back to the pool. This cannot be undone.",
            yesText: "Decommission", cancelText: "Keep it");
        if (answer == true)
        {
            await StartAsync(row, $"Decommissioning {row.Server.Name}", workflows => workflows.DecommissionAsync(row.Server.Id, CancellationToken.None));
        }
    }

    private async Task CaptureAsync(ServerRow row)
    {
        var parameters = new DialogParameters<CaptureDialog> { { d => d.ServerName, row.Server.Name } };
        var dialog = await Dialogs.ShowAsync<CaptureDialog>($"Capture {row.Server.Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: string name })
        {
            await StartAsync(row, $"Capturing {row.Server.Name}", workflows =>
                workflows.CaptureAsync(row.Server.Id, name.Length == 0 ? null : name, userName, Guid.NewGuid(), CancellationToken.None));
        }
    }

    private async Task MigrateAsync(ServerRow row)
    {
        var parameters = new DialogParameters<MigrateDialog>
        {
            { d => d.Platforms, overview!.Platforms },
            { d => d.CurrentPlatformId, row.Server.PlatformId },
        };
        var dialog = await Dialogs.ShowAsync<MigrateDialog>($"Migrate {row.Server.Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: MigrationTarget target })
        {
            await StartAsync(row, $"Migrating {row.Server.Name}", workflows =>
                workflows.MigrateAsync(row.Server.Id, target.Placement, target.PlatformId, CancellationToken.None));
        }
    }

    private async Task StartAsync(ServerRow row, string what, Func<ProvisioningWorkflows, Task<ValidationResult<WorkflowState>>> start)
    {
        busy = true;
        try
        {
            var result = await Scopes.WithAsync(start);
            if (result.IsValid)
            {
                var href = $"/admin/workflows/instances/{result.Value.InstanceId}";
                started = new Started(what, result.Value.InstanceId, href);
                Snackbar.Add($"{what}: workflow instance {WorkflowText.ShortId(result.Value.InstanceId)} started.", Severity.Info, options =>
                {
                    options.Action = "Open";
                    options.OnClick = _ =>
                    {
                        Navigation.NavigateTo(href);
                        return Task.CompletedTask;
                    };
                });
            }
            else
            {
                Snackbar.Add($"{row.Server.Name}: {string.Join(" ", result.Errors.Select(e => e.Message))}", Severity.Error);
            }

            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private static string ActionTip(ServerRow row) => $"{row.Server.Status}: only a running or stopped server can be captured, migrated or decommissioned.";

    /// <summary>The last workflow this page started, kept on screen with its link.</summary>
    private sealed record Started(string What, string InstanceId, string Href);
}
