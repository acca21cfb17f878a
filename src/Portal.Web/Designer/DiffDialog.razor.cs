using Microsoft.AspNetCore.Components;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer;

/// <summary>The side-by-side comparison of two versions, full screen.</summary>
public sealed partial class DiffDialog
{
    [Parameter] public WorkflowDefinition Before { get; set; } = null!;

    [Parameter] public WorkflowDefinition After { get; set; } = null!;

    [Parameter] public string BeforeLabel { get; set; } = "";

    [Parameter] public string AfterLabel { get; set; } = "";

    [Inject] public required ActivityRegistry Activities { get; init; }
}
