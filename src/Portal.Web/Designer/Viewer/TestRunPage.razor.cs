using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Web.Hosting;
using Portal.Workflows.Persistence;

namespace Portal.Web.Designer.Viewer;

/// <summary>
/// Test run of a draft: the sample inputs form, then the run on the simulated datacenter (see <see cref="TestRunner"/>),
/// then the new instance on its diagram, stepping through as the worker runs it.
/// </summary>
public sealed partial class TestRunPage
{
    private StoredDefinition? draft;
    private string? refusal;
    private IReadOnlyList<string> errors = [];
    private List<BreadcrumbItem> breadcrumbs = [];
    private bool loaded;
    private bool busy;

    /// <summary>The workflow's id, from the address.</summary>
    [Parameter] public string Id { get; set; } = "";

    [CascadingParameter] public Task<AuthenticationState>? Authentication { get; set; }

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    private string DesignerHref => $"/admin/workflows/{Uri.EscapeDataString(Id)}";

    protected override async Task OnParametersSetAsync()
    {
        breadcrumbs = [new("Workflows", "/admin/workflows"), new(Id, DesignerHref), new("Test run", null, disabled: true)];
        var id = Id;
        (draft, refusal) = await Scopes.InScopeAsync(async services =>
        {
            var runner = ActivatorUtilities.CreateInstance<TestRunner>(services);
            var found = await runner.DraftAsync(id, CancellationToken.None);
            return (found, found is null ? null : runner.Refusal(found.Definition));
        });
        loaded = true;
    }

    private async Task StartAsync(JsonObject inputs)
    {
        busy = true;
        errors = [];
        try
        {
            var author = Authentication is null ? null : (await Authentication).User.FindFirstValue(ClaimTypes.Name);
            var id = Id;
            var started = await Scopes.InScopeAsync(services =>
                ActivatorUtilities.CreateInstance<TestRunner>(services).StartAsync(id, inputs, author, CancellationToken.None));
            if (started.IsValid)
            {
                Navigation.NavigateTo($"/admin/workflows/instances/{Uri.EscapeDataString(started.Value)}/diagram");
                return;
            }

            errors = started.Errors.Select(e => e.Field is "draft" or "drivers" or "inputs" ? e.Message : $"{e.Field}: {e.Message}").ToList();
        }
        finally
        {
            busy = false;
        }
    }
}
