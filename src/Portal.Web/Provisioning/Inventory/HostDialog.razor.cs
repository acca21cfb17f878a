using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Web.Hosting;

namespace Portal.Web.Provisioning.Inventory;

/// <summary>
/// "Add host" and "Edit host": saves through <see cref="InventoryRegistration"/> in a scope of its own. A refusal
/// shows each error next to its field (the rest above the fields) and keeps the dialog open; a success closes it with
/// the saved host.
/// </summary>
public sealed partial class HostDialog
{
    private bool saving;

    /// <summary>The host being added (an empty form) or edited (filled in).</summary>
    [Parameter, EditorRequired] public required HostForm Form { get; set; }

    [CascadingParameter] public required IMudDialogInstance Dialog { get; set; }

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    private string ClusterName(Guid? id) => id is { } value ? Form.Clusters.FirstOrDefault(c => c.Id == value)?.Name ?? "" : "";

    private async Task SaveAsync()
    {
        saving = true;
        Form.Errors.Clear();
        try
        {
            var outcome = await Scopes.WithAsync<InventoryRegistration, AdminOutcome<HypervisorHostView>>(
                registration => registration.SaveHostAsync(Form.Id, Form.ToInput(), CancellationToken.None));
            if (outcome.Value is { } saved)
            {
                Dialog.Close(DialogResult.Ok(saved));
                return;
            }

            Form.Errors.Refused(outcome);
        }
        finally
        {
            saving = false;
        }
    }
}
