using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Portal.Web.Hosting;

namespace Portal.Web.Dashboard;

/// <summary>An approver's part of the home page: the oldest decisions waiting for them, and how many in all.</summary>
public sealed partial class ApproverDashboard
{
    private ApproverDashboardView? view;

    [Parameter, EditorRequired] public required ClaimsPrincipal User { get; set; }

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    protected override async Task OnParametersSetAsync() =>
        view = await Scopes.InScopeAsync(services => services.GetRequiredService<DashboardReader>().ApproverAsync(User, CancellationToken.None));
}
