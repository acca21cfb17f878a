using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Portal.Web.Hosting;

namespace Portal.Web.Dashboard;

/// <summary>A requester's part of the home page: their open requests and the servers they hold.</summary>
public sealed partial class RequesterDashboard
{
    private RequesterDashboardView? view;

    [Parameter, EditorRequired] public required ClaimsPrincipal User { get; set; }

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    protected override async Task OnParametersSetAsync() =>
        view = await Scopes.InScopeAsync(services => services.GetRequiredService<DashboardReader>().RequesterAsync(User, CancellationToken.None));
}
