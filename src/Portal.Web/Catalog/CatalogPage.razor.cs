using Microsoft.AspNetCore.Components;
using Portal.Domain.Library;
using Portal.Web.Library;

namespace Portal.Web.Catalog;

/// <summary>
/// The service catalog: the published images as cards a requester can read at a glance (what it is, how big, where
/// it came from, what it runs on) with "Request a server" on each. Search, filters and the page live in the address,
/// so a view can be bookmarked and the back button returns to it; the filtering and paging run on the server.
/// </summary>
public sealed partial class CatalogPage
{
    private CatalogFilter filter = CatalogFilter.None;
    private CatalogResults? results;
    private int page = 1;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    /// <summary>Words matched against name, description, operating system and tags.</summary>
    [SupplyParameterFromQuery(Name = CatalogFilter.SearchKey)] public string? Search { get; set; }

    /// <summary>An <see cref="OsFamily"/> name.</summary>
    [SupplyParameterFromQuery(Name = CatalogFilter.OsFamilyKey)] public string? OsFamilyName { get; set; }

    /// <summary>A <see cref="PlatformKind"/> name: only images some platform of that kind can run.</summary>
    [SupplyParameterFromQuery(Name = CatalogFilter.KindKey)] public string? KindName { get; set; }

    /// <summary>A <see cref="CpuArchitecture"/> name.</summary>
    [SupplyParameterFromQuery(Name = CatalogFilter.ArchitectureKey)] public string? ArchitectureName { get; set; }

    /// <summary>The page of cards, from 1.</summary>
    [SupplyParameterFromQuery(Name = CatalogFilter.PageKey)] public int? PageNumber { get; set; }

    private int PageCount => results is null ? 0 : (results.Total + CatalogReader.PageSize - 1) / CatalogReader.PageSize;

    protected override async Task OnParametersSetAsync()
    {
        var fromAddress = CatalogFilter.FromQuery(Search, OsFamilyName, KindName, ArchitectureName);
        var pageFromAddress = Math.Max(1, PageNumber ?? 1);

        // The address changed under the page (a shared link, the back button) or this is the first load: follow it.
        if (results is null || fromAddress != filter || pageFromAddress != page)
        {
            filter = fromAddress;
            page = pageFromAddress;
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        var (current, number) = (filter, page);
        var loaded = await Scopes.WithImageStoreAsync(store => new CatalogReader(store).ListAsync(current, number - 1, CatalogReader.PageSize, CancellationToken.None));

        // A newer filter may have been applied while this one loaded: only the latest shows.
        if (current == filter && number == page)
        {
            results = loaded;
        }
    }

    private Task SearchAsync(string? text) =>
        ApplyAsync(filter with { Search = string.IsNullOrWhiteSpace(text) ? null : text.Trim() });

    private Task ClearAsync() => ApplyAsync(CatalogFilter.None);

    private async Task ApplyAsync(CatalogFilter next)
    {
        if (next == filter)
        {
            return;
        }

        filter = next;
        page = 1;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(next.ToQueryParameters()), replace: true);
        await LoadAsync();
    }

    private async Task GoToPageAsync(int number)
    {
        page = number;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(filter.ToQueryParameters(number)));
        await LoadAsync();
    }

    private static string KindChoice(PlatformKind kind) => kind == PlatformKind.Virtual ? "Virtual machines" : "Physical servers";
}
