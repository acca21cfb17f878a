using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Library;
using Portal.Domain.Validation;
using Portal.Provisioning.Deployments;
using Portal.Web.Hosting;
using Portal.Workflows.Runtime;

namespace Portal.Web.Provisioning.Servers;

/// <summary>
/// A server's actions, for its owner or an admin: Capture (asks for the new image's name), Migrate (asks where) and
/// Decommission (asks first), each starting its shipped workflow. The workflows do not check who asks, so this does,
/// against the server as stored when the action starts. Refusals are shown as a snackbar; a start is reported to the page.
/// </summary>
public sealed partial class ServerActions
{
    private ClaimsPrincipal user = new();
    private bool mayAct;
    private bool busy;

    /// <summary>The server the buttons act on.</summary>
    [Parameter, EditorRequired] public required ServerRow Row { get; set; }

    /// <summary>Every platform, for the migration dialog.</summary>
    [Parameter, EditorRequired] public required IReadOnlyList<Platform> Platforms { get; set; }

    /// <summary>Disables the buttons while the page is busy (reloading, another action).</summary>
    [Parameter] public bool Disabled { get; set; }

    /// <summary>Raised once a workflow started, with what it does and its instance.</summary>
    [Parameter] public EventCallback<ServerActionStarted> OnStarted { get; set; }

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    /// <summary>The signed-in user, cascaded by the router: the owner of captured images.</summary>
    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    private string ActionTip => $"{Row.Server.Status}: only a running or stopped server can be captured, migrated or decommissioned.";

    protected override async Task OnParametersSetAsync()
    {
        user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        mayAct = ServerAccess.MayAct(user, Row.Server.Owner);
    }

    private async Task DecommissionAsync()
    {
        var server = Row.Server;
        var answer = await Dialogs.ShowMessageBoxAsync(
            $"Decommission {server.Name}?",
            $"{server.Name} is powered off, its VM and disks deleted (or a physical server's disks wiped), and its hardware goes back to the pool. This cannot be undone.",
            yesText: "Decommission", cancelText: "Keep it");
        if (answer == true)
        {
            await StartAsync($"Decommissioning {server.Name}", workflows => workflows.DecommissionAsync(server.Id, CancellationToken.None));
        }
    }

    private async Task CaptureAsync()
    {
        var server = Row.Server;
        var parameters = new DialogParameters<CaptureDialog> { { d => d.ServerName, server.Name } };
        var dialog = await Dialogs.ShowAsync<CaptureDialog>($"Capture {server.Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: string name })
        {
            var owner = user.Identity?.Name ?? "";
            await StartAsync($"Capturing {server.Name}", workflows =>
                workflows.CaptureAsync(server.Id, name.Length == 0 ? null : name, owner, Guid.NewGuid(), CancellationToken.None));
        }
    }

    private async Task MigrateAsync()
    {
        var server = Row.Server;
        var parameters = new DialogParameters<MigrateDialog>
        {
            { d => d.Platforms, Platforms },
            { d => d.CurrentPlatformId, server.PlatformId },
        };
        var dialog = await Dialogs.ShowAsync<MigrateDialog>($"Migrate {server.Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: MigrationTarget target })
        {
            await StartAsync($"Migrating {server.Name}", workflows =>
                workflows.MigrateAsync(server.Id, target.Placement, target.PlatformId, CancellationToken.None));
        }
    }

    private async Task StartAsync(string what, Func<ProvisioningWorkflows, Task<ValidationResult<WorkflowState>>> start)
    {
        busy = true;
        try
        {
            var serverId = Row.Server.Id;
            var asking = user;
            var result = await Scopes.InScopeAsync(async services =>
                await services.GetRequiredService<IDeploymentStore>().FindServerAsync(serverId, CancellationToken.None) is { } stored && ServerAccess.MayAct(asking, stored.Owner)
                    ? await start(services.GetRequiredService<ProvisioningWorkflows>())
                    : ValidationResult<WorkflowState>.Failure("id", "It is not yours: only its owner or an admin can do this."));
            if (result.IsValid)
            {
                await OnStarted.InvokeAsync(new ServerActionStarted(what, result.Value.InstanceId));
            }
            else
            {
                Snackbar.Add($"{Row.Server.Name}: {string.Join(" ", result.Errors.Select(e => e.Message))}", Severity.Error);
            }
        }
        finally
        {
            busy = false;
        }
    }
}
