using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Workflows.Runtime;

namespace Portal.Web.Workflows.Pages;

/// <summary>An instance's status as a coloured chip: green when done, amber when waiting, red when faulted.</summary>
public sealed partial class WorkflowStatusChip
{
    /// <summary>The status to show.</summary>
    [Parameter] public WorkflowStatus Status { get; set; }

    /// <summary>The chip size; small in lists, medium in headers.</summary>
    [Parameter] public Size Size { get; set; } = Size.Small;
}
