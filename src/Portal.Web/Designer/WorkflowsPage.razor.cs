using Microsoft.AspNetCore.Components;
using Portal.Web.Hosting;
using Portal.Workflows.Persistence;

namespace Portal.Web.Designer;

/// <summary>Admin › Workflows: every definition with its published version, pending draft and last change, each a link to the designer.</summary>
public sealed partial class WorkflowsPage
{
    private IReadOnlyList<WorkflowListRow>? rows;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    public static string DesignerHref(string id) => $"/admin/workflows/{Uri.EscapeDataString(id)}";

    protected override async Task OnInitializedAsync() =>
        rows = await Scopes.WithAsync<WorkflowDefinitions, IReadOnlyList<WorkflowListRow>>(d => WorkflowList.ReadAsync(d, CancellationToken.None));
}
