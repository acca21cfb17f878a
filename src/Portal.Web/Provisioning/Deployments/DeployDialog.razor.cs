using Microsoft.AspNetCore.Components;
using MudBlazor;
using Placement = Portal.Domain.Inventory.Placement;
using Portal.Domain.Deployments;
using Portal.Domain.Inventory;
using Portal.Domain.Validation;
using Portal.Provisioning.Deployments;
using Portal.Web.Hosting;

namespace Portal.Web.Provisioning.Deployments;

/// <summary>
/// "Deploy now" for an admin: placement, an optional platform among those that can run the image, sizes within
/// the template's bounds and the software parameters (secrets as password fields). It starts server-deployment
/// through <see cref="ProvisioningWorkflows"/>; a refusal shows each error next to its field, a success closes
/// the dialog with the deployment's id.
/// </summary>
public sealed partial class DeployDialog
{
    private MudForm? form;
    private bool deploying;

    /// <summary>The form for the image being deployed, with the platforms that can run it.</summary>
    [Parameter, EditorRequired] public required DeployForm Form { get; set; }

    /// <summary>The signed-in admin, recorded as the deployment's requester and the server's owner.</summary>
    [Parameter, EditorRequired] public required string RequestedBy { get; set; }

    [CascadingParameter] public required IMudDialogInstance Dialog { get; set; }

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    private void ChangePlacement(Placement placement) => Form.ChangePlacement(placement);

    private string PlatformName(Guid? id) =>
        id is { } value ? Form.Platforms.FirstOrDefault(p => p.Id == value)?.Name ?? "" : "";

    private async Task DeployAsync()
    {
        deploying = true;
        Form.ClearErrors();
        try
        {
            var order = Form.ToOrder(RequestedBy);
            var started = await Scopes.WithAsync<ProvisioningWorkflows, ValidationResult<Deployment>>(
                workflows => workflows.DeployAsync(order, CancellationToken.None));
            if (started.IsValid)
            {
                Dialog.Close(DialogResult.Ok(started.Value.Id));
                return;
            }

            Form.Refused(started.Errors);
        }
        finally
        {
            deploying = false;
        }
    }
}
