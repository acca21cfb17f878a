using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Library;

namespace Portal.Web.Library;

/// <summary>An image's lifecycle state as a coloured chip: green when it can be requested, amber when ageing.</summary>
public sealed partial class LifecycleChip
{
    /// <summary>The state to show.</summary>
    [Parameter] public ImageLifecycle Lifecycle { get; set; }

    /// <summary>The chip size; small in grids, medium in headers.</summary>
    [Parameter] public Size Size { get; set; } = Size.Small;
}
