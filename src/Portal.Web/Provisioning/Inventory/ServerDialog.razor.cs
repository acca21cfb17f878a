using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Library;
using Portal.Web.Hosting;

namespace Portal.Web.Provisioning.Inventory;

/// <summary>
/// "Add server" and "Edit server": saves through <see cref="InventoryRegistration"/> in a scope of its own. A refusal
/// shows each error next to its field (the rest above the fields) and keeps the dialog open; a success closes it with
/// the saved server.
/// </summary>
public sealed partial class ServerDialog
{
    private bool saving;

    /// <summary>The server being added (an empty form) or edited (filled in, the password left out).</summary>
    [Parameter, EditorRequired] public required ServerForm Form { get; set; }

    [CascadingParameter] public required IMudDialogInstance Dialog { get; set; }

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    private string PoolName(Guid? id) => id is { } value ? Form.Pools.FirstOrDefault(p => p.Id == value)?.Name ?? "" : "";

    private async Task SaveAsync()
    {
        saving = true;
        Form.Errors.Clear();
        try
        {
            var mistakes = Form.Check();
            if (mistakes.Count > 0)
            {
                Form.Errors.Refused(mistakes);
                return;
            }

            var outcome = await Scopes.WithAsync<InventoryRegistration, AdminOutcome<PhysicalServerView>>(
                registration => registration.SaveServerAsync(Form.Id, Form.ToInput(), CancellationToken.None));
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
