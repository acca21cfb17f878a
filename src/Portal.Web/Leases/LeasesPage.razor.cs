using Microsoft.AspNetCore.Components;
using Portal.Web.Hosting;

namespace Portal.Web.Leases;

/// <summary>Admins: what expires this week (server, owner, end, decommission date, state) and the lease policies.</summary>
public sealed partial class LeasesPage
{
    private LeasesOverview? overview;
    private DateTimeOffset now;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    protected override async Task OnInitializedAsync()
    {
        now = Clock.GetUtcNow();
        var at = now;
        overview = await Scopes.InScopeAsync(services => LeasesOverview.LoadAsync(services, at, LeasesApi.DefaultExpiringDays, CancellationToken.None));
    }
}
