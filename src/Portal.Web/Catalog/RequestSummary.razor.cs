using Microsoft.AspNetCore.Components;
using Placement = Portal.Domain.Inventory.Placement;

namespace Portal.Web.Catalog;

/// <summary>The request so far, beside the wizard: size, placement, servers and names, as they are chosen.</summary>
public sealed partial class RequestSummary
{
    /// <summary>The wizard's state.</summary>
    [Parameter, EditorRequired] public required RequestForm Form { get; set; }

    private string Where => (Form.Placement, Form.Chosen) switch
    {
        (_, { } platform) => platform.Name,
        (Placement.Virtual, _) => "A virtual machine, on the best-fitting platform",
        (Placement.Physical, _) => "A physical server, on the best-fitting platform",
        _ => "Where it fits best (virtual first)",
    };
}
