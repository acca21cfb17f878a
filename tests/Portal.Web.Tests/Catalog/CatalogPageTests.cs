using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Web.Catalog;
using Portal.Web.Tests.Library;

namespace Portal.Web.Tests.Catalog;

/// <summary>The service catalog on the seeded demo library: published images as cards, what they run on, search and filters in the address.</summary>
public sealed class CatalogPageTests : LibraryTestContext
{
    private static readonly Guid Ubuntu = Guid.Parse("1d0c0000-0000-4000-8000-000000000001");
    private static readonly Guid UbuntuArm = Guid.Parse("1d0c0000-0000-4000-8000-000000000007");

    [Fact]
    public void A_requester_sees_a_card_per_published_image_and_not_the_deprecated_one()
    {
        SignInAsRequester();

        var page = RenderCatalog();

        page.WaitForAssertion(() => Assert.Equal(8, Cards(page).Count), Patience);
        Assert.Null(Card(page, CentOs7Deprecated.ToString()));
    }

    [Fact]
    public void A_card_says_what_the_image_is_how_big_where_it_came_from_and_what_it_runs_on()
    {
        SignInAsRequester();

        var page = RenderCatalog();

        page.WaitForAssertion(() => Assert.NotNull(Card(page, Ubuntu.ToString())), Patience);
        var card = Card(page, Ubuntu.ToString())!;
        Assert.Equal("Ubuntu 24.04 LTS server", card.QuerySelector("[data-testid=catalog-card-name]")!.TextContent.Trim());
        Assert.Equal("4 vCPU · 8 GiB · 80 GiB", card.QuerySelector("[data-testid=hardware]")!.TextContent.Trim());
        Assert.Equal("Captured from a physical server via PXE", card.QuerySelector("[data-testid=provenance]")!.TextContent.Trim());
        Assert.Equal(["Virtual", "Physical"], Kinds(card));
        Assert.Equal($"/catalog/{Ubuntu}/request", card.QuerySelector("[data-testid=request-server]")!.GetAttribute("href"));
    }

    [Fact]
    public void An_image_only_physical_platforms_can_run_carries_only_the_physical_chip()
    {
        SignInAsRequester();

        var page = RenderCatalog();

        page.WaitForAssertion(() => Assert.NotNull(Card(page, WindowsWim.ToString())), Patience);
        Assert.Equal(["Physical"], Kinds(Card(page, WindowsWim.ToString())!));
        Assert.Equal(["Virtual"], Kinds(Card(page, UbuntuArm.ToString())!));
    }

    [Fact]
    public void The_physical_filter_leaves_out_the_images_no_physical_platform_can_run()
    {
        SignInAsRequester();

        var page = RenderCatalog("?kind=Physical");

        page.WaitForAssertion(() => Assert.NotNull(Card(page, WindowsWim.ToString())), Patience);
        Assert.Null(Card(page, UbuntuArm.ToString()));
        Assert.All(Cards(page), card => Assert.Contains("Physical", Kinds(card)));
    }

    [Fact]
    public void The_search_reads_descriptions_and_goes_into_the_address()
    {
        SignInAsRequester();
        var page = RenderCatalog();
        page.WaitForAssertion(() => Assert.Equal(8, Cards(page).Count), Patience);

        page.Find("[data-testid=catalog-search] input, input[data-testid=catalog-search]").Input("Dell");

        page.WaitForAssertion(() => Assert.Equal([Ubuntu.ToString()], Cards(page).Select(c => c.GetAttribute("data-image-id")).ToList()), Patience);
        Assert.Contains("q=Dell", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void The_os_filter_from_the_address_narrows_the_first_load()
    {
        SignInAsRequester();

        var page = RenderCatalog("?os=Windows");

        page.WaitForAssertion(() => Assert.Equal(2, Cards(page).Count), Patience);
        Assert.All(Cards(page), card => Assert.StartsWith("Windows", card.QuerySelector("[data-testid=os]")!.TextContent.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_matching_says_so_and_offers_to_clear_the_filters()
    {
        SignInAsRequester();

        var page = RenderCatalog("?q=no-such-image&arch=Aarch64");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=catalog-empty]")), Patience);
        Assert.Contains("No image matches", page.Find("[data-testid=catalog-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(Cards(page));
    }

    [Fact]
    public async Task The_reader_pages_on_the_server()
    {
        var first = await WithStoreAsync(store => new CatalogReader(store).ListAsync(CatalogFilter.None, 0, 3, CancellationToken.None));
        var last = await WithStoreAsync(store => new CatalogReader(store).ListAsync(CatalogFilter.None, 2, 3, CancellationToken.None));

        Assert.Equal((8, 3, 2), (first.Total, first.Items.Count, last.Items.Count));
        Assert.Empty(first.Items.Select(i => i.Id).Intersect(last.Items.Select(i => i.Id)));
    }

    private IRenderedComponent<CatalogPage> RenderCatalog(string query = "")
    {
        Render<MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/catalog" + query);
        return Render<CatalogPage>();
    }

    private static IReadOnlyList<IElement> Cards(IRenderedComponent<CatalogPage> page) => page.FindAll("[data-testid=catalog-card]");

    private static IElement? Card(IRenderedComponent<CatalogPage> page, string id) =>
        Cards(page).FirstOrDefault(c => c.GetAttribute("data-image-id") == id);

    private static List<string> Kinds(IElement card) =>
        card.QuerySelectorAll("[data-testid=kind-chip]").Select(c => c.TextContent.Trim()).ToList();
}
