using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Portal.Web.Shell;

/// <summary>The drawer's links, filtered by the signed-in user's roles.</summary>
public sealed partial class NavMenu
{
    [Inject] public required NavigationCatalog Catalog { get; init; }

    /// <summary>The signed-in user, cascaded by the router.</summary>
    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    private IReadOnlyList<IGrouping<string?, NavEntry>> Groups { get; set; } = [];

    protected override async Task OnParametersSetAsync()
    {
        var user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        Groups = Catalog.VisibleTo(user).GroupBy(e => e.Group).ToList();
    }
}
