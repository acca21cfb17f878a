using Microsoft.AspNetCore.Components;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Servers;
using Portal.Web.Hosting;

namespace Portal.Web.Provisioning.Servers;

/// <summary>
/// The end of what a server wrote on its serial console (boot messages, cloud-init's progress), on the page that shows
/// the server: what an admin would otherwise open a hypervisor console for. Read when shown and on Refresh.
/// </summary>
public sealed partial class ServerConsole
{
    /// <summary>How much of the console's end is shown.</summary>
    public const int ShownBytes = 32 * 1024;

    private string? text;
    private string? error;
    private bool loading;

    /// <summary>The deployed server whose console is shown.</summary>
    [Parameter, EditorRequired] public Guid ServerId { get; set; }

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        loading = true;
        error = null;
        try
        {
            var id = ServerId;
            text = await Scopes.WithAsync<ServerLifecycle, string?>(servers => servers.ReadConsoleAsync(id, ShownBytes, CancellationToken.None));
        }
        catch (Exception e) when (e is DriverException or IOException or UnauthorizedAccessException)
        {
            // The host or its storage is out of reach: the rest of the page still stands, and says why this part does not.
            error = e.Message;
        }
        finally
        {
            loading = false;
        }
    }
}
