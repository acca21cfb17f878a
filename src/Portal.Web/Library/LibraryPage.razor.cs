using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Data.Library;
using Portal.Domain.Library;
using Portal.Domain.Security;

namespace Portal.Web.Library;

/// <summary>
/// The image library: search, filter, sort and page on the server. The filter lives in the address, so a
/// filtered view can be bookmarked or sent to a colleague. Requesters see published images only.
/// </summary>
public sealed partial class LibraryPage
{
    private MudDataGrid<ImageSummary>? grid;
    private IReadOnlyList<Platform> platforms = [];
    private LibraryFilter filter = LibraryFilter.None;
    private bool isAdmin;
    private bool ready;
    private bool loading;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    /// <summary>The signed-in user, cascaded by the router.</summary>
    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Free text matched against name, OS, tags and hardware.</summary>
    [SupplyParameterFromQuery(Name = LibraryFilter.SearchKey)] public string? Search { get; set; }

    /// <summary>An <see cref="OsFamily"/> name.</summary>
    [SupplyParameterFromQuery(Name = LibraryFilter.OsFamilyKey)] public string? OsFamilyName { get; set; }

    /// <summary>A <see cref="CpuArchitecture"/> name.</summary>
    [SupplyParameterFromQuery(Name = LibraryFilter.ArchitectureKey)] public string? ArchitectureName { get; set; }

    /// <summary>A <see cref="CaptureSource"/> name.</summary>
    [SupplyParameterFromQuery(Name = LibraryFilter.CapturedFromKey)] public string? CapturedFromName { get; set; }

    /// <summary>An <see cref="ImageLifecycle"/> name; admins only.</summary>
    [SupplyParameterFromQuery(Name = LibraryFilter.LifecycleKey)] public string? LifecycleName { get; set; }

    /// <summary>The id of a platform the images must be able to deploy to.</summary>
    [SupplyParameterFromQuery(Name = LibraryFilter.CompatibleWithKey)] public Guid? CompatibleWith { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var fromAddress = LibraryFilter.FromQuery(Search, OsFamilyName, ArchitectureName, CapturedFromName, LifecycleName, CompatibleWith);
        if (!ready)
        {
            var user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
            isAdmin = user.IsInRole(PortalRoles.Admin);
            platforms = await Scopes.WithImageStoreAsync(store => store.PlatformsAsync(CancellationToken.None));
            filter = fromAddress;
            ready = true;
            return;
        }

        // The address changed under the page (back button, a shared link): follow it.
        if (fromAddress != filter)
        {
            filter = fromAddress;
            await ReloadAsync();
        }
    }

    private async Task<GridData<ImageSummary>> LoadAsync(GridState<ImageSummary> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var query = filter.ToImageQuery(isAdmin, sort?.SortBy, sort?.Descending ?? false, state.Page, state.PageSize);
        var page = await Scopes.WithImageStoreAsync(store => store.QueryAsync(query, cancellationToken));
        return new GridData<ImageSummary> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private Task SearchAsync(string? text) =>
        ApplyAsync(filter with { Search = string.IsNullOrWhiteSpace(text) ? null : text.Trim() });

    private Task ClearAsync() => ApplyAsync(LibraryFilter.None);

    private async Task ApplyAsync(LibraryFilter next)
    {
        if (next == filter)
        {
            return;
        }

        filter = next;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(next.ToQueryParameters()), replace: true);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (grid is null)
        {
            return;
        }

        loading = true;
        if (grid.CurrentPage != 0)
        {
            // Moving to the first page reloads by itself.
            grid.NavigateTo(Page.First);
        }
        else
        {
            await grid.ReloadServerData();
        }

        loading = false;
    }

    private static IReadOnlyList<string> HardwareParts(ImageSummary image) =>
        image.HardwareSummary.Split(" · ", StringSplitOptions.RemoveEmptyEntries);

    private string PlatformName(Guid? id) =>
        id is { } value ? platforms.FirstOrDefault(p => p.Id == value)?.Name ?? "Unknown platform" : "";
}
