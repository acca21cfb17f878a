using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Library;
using Placement = Portal.Domain.Inventory.Placement;

namespace Portal.Web.Provisioning.Servers;

/// <summary>Asks where a server should move (placement, optionally a platform of that kind); closes with a <see cref="MigrationTarget"/>.</summary>
public sealed partial class MigrateDialog
{
    private Placement placement = Placement.Virtual;
    private Guid? platformId;

    /// <summary>Every platform; the dialog offers those of the chosen kind.</summary>
    [Parameter, EditorRequired] public required IReadOnlyList<Platform> Platforms { get; set; }

    /// <summary>Where the server runs now, marked in the list.</summary>
    [Parameter] public Guid? CurrentPlatformId { get; set; }

    [CascadingParameter] public required IMudDialogInstance Dialog { get; set; }

    private IEnumerable<Platform> Candidates => Platforms.Where(p => placement switch
    {
        Placement.Virtual => p.Kind == PlatformKind.Virtual,
        Placement.Physical => p.Kind == PlatformKind.Physical,
        _ => true,
    });

    private void ChangePlacement(Placement value)
    {
        placement = value;
        if (platformId is { } chosen && Candidates.All(p => p.Id != chosen))
        {
            platformId = null;
        }
    }

    private string PlatformName(Guid? id) => id is { } value ? Platforms.FirstOrDefault(p => p.Id == value)?.Name ?? "" : "";

    private void Migrate() => Dialog.Close(DialogResult.Ok(new MigrationTarget(placement, platformId)));
}
