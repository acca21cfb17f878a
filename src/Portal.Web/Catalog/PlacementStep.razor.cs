using MudBlazor;
using Placement = Portal.Domain.Inventory.Placement;

namespace Portal.Web.Catalog;

/// <summary>
/// The wizard's placement step: physical, virtual or either, and optionally one platform. Every platform is listed;
/// those that cannot take the request are disabled with the reasons, each a sentence.
/// </summary>
public sealed partial class PlacementStep
{
    private static readonly IReadOnlyList<PlacementChoice> Choices =
    [
        new(Placement.Any, "Any", Icons.Material.Filled.AutoAwesome,
            "A VM if one fits, else a physical server; needs a second approval.", "No platform can run this image."),
        new(Placement.Virtual, "Virtual machine", Icons.Material.Filled.Cloud,
            "On a hypervisor cluster; ready sooner.", "No virtual platform can run this image."),
        new(Placement.Physical, "Physical server", Icons.Material.Filled.Dns,
            "A whole bare-metal machine; needs a second approval.", "No physical platform can run this image."),
    ];

    private async Task PlaceAsync(Placement placement)
    {
        Form.ChangePlacement(placement);
        await ChangedAsync();
    }

    private async Task ChooseAsync(Guid? platformId)
    {
        Form.ChoosePlatform(platformId);
        await ChangedAsync();
    }

    private sealed record PlacementChoice(Placement Placement, string Title, string Icon, string Text, string Impossible);
}
