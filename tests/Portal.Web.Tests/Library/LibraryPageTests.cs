using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Web.Library;

namespace Portal.Web.Tests.Library;

public sealed class LibraryPageTests : LibraryTestContext
{
    [Fact]
    public void A_requester_sees_the_published_images_but_not_the_deprecated_one()
    {
        SignInAsRequester();

        var page = RenderLibrary();

        page.WaitForAssertion(() => Assert.Contains("Debian 12 minimal", ImageNames(page)), Patience);
        Assert.DoesNotContain("CentOS 7 legacy", ImageNames(page));
        Assert.Equal(8, ImageNames(page).Count);
    }

    [Fact]
    public void An_admin_also_sees_the_deprecated_image_marked_as_deprecated()
    {
        SignInAsAdmin();

        var page = RenderLibrary();

        page.WaitForAssertion(() => Assert.Contains("CentOS 7 legacy", ImageNames(page)), Patience);
        Assert.Equal("Deprecated", Row(page, "CentOS 7 legacy").QuerySelector("[data-testid=lifecycle]")!.TextContent.Trim());
    }

    [Fact]
    public void A_lifecycle_filter_in_the_address_does_not_show_a_requester_deprecated_images()
    {
        SignInAsRequester();

        var page = RenderLibrary("?lifecycle=Deprecated");

        page.WaitForAssertion(() => Assert.Contains("Debian 12 minimal", ImageNames(page)), Patience);
        Assert.DoesNotContain("CentOS 7 legacy", ImageNames(page));
    }

    [Fact]
    public void Typing_a_search_narrows_the_rows_and_puts_the_search_in_the_address()
    {
        SignInAsRequester();
        var page = RenderLibrary();
        page.WaitForAssertion(() => Assert.Equal(8, ImageNames(page).Count), Patience);

        page.Find("[data-testid=library-search] input, input[data-testid=library-search]").Input("Debian");

        page.WaitForAssertion(() => Assert.Equal(["Debian 12 minimal"], ImageNames(page)), Patience);
        Assert.Contains("q=Debian", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_search_in_the_address_filters_the_first_load()
    {
        SignInAsRequester();

        var page = RenderLibrary("?q=ubuntu");

        page.WaitForAssertion(() => Assert.Equal(
            ["PostgreSQL 16 database server", "Ubuntu 24.04 ARM64 edge", "Ubuntu 24.04 LTS server"], ImageNames(page)), Patience);
    }

    [Fact]
    public void Compatible_with_vsphere_leaves_out_the_wim_and_the_arm64_images()
    {
        SignInAsRequester();

        var page = RenderLibrary($"?platform={VSphereParis}");

        page.WaitForAssertion(() => Assert.Contains("RHEL 9 application server", ImageNames(page)), Patience);
        Assert.DoesNotContain("Windows Server 2019 (WIM)", ImageNames(page));
        Assert.DoesNotContain("Ubuntu 24.04 ARM64 edge", ImageNames(page));
        Assert.Equal("vSphere cluster Paris", page.Find("input[data-testid=filter-platform]").GetAttribute("value"));
    }

    [Fact]
    public void Each_row_shows_hardware_provenance_and_tags()
    {
        SignInAsRequester();

        var page = RenderLibrary();

        page.WaitForAssertion(() => Assert.Contains("Ubuntu 24.04 LTS server", ImageNames(page)), Patience);
        var row = Row(page, "Ubuntu 24.04 LTS server");
        Assert.Equal("4 vCPU · 8 GiB · 80 GiB", row.QuerySelector("[data-testid=hardware]")!.TextContent.Trim());
        Assert.Equal("Physical via PXE", row.QuerySelector("[data-testid=provenance]")!.TextContent.Trim());
        Assert.Equal(["linux", "ubuntu", "lts"], row.QuerySelectorAll("[data-testid=tag]").Select(t => t.TextContent.Trim()));
    }

    [Fact]
    public void When_nothing_matches_the_page_says_so_and_clearing_the_filters_brings_the_rows_back()
    {
        SignInAsRequester();
        var page = RenderLibrary("?q=no-such-image");
        page.WaitForAssertion(() => Assert.Contains("No image matches", page.Find("[data-testid=no-images]").TextContent, StringComparison.Ordinal), Patience);

        page.Find("[data-testid=clear-filters]").Click();

        page.WaitForAssertion(() => Assert.Equal(8, ImageNames(page).Count), Patience);
        Assert.DoesNotContain("q=", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_name_links_to_the_image_page()
    {
        SignInAsRequester();

        var page = RenderLibrary("?q=Debian");

        page.WaitForAssertion(() => Assert.Equal(
            $"/library/{Debian12}", page.Find("[data-testid=image-link]").GetAttribute("href")), Patience);
    }

    [Fact]
    public void Only_an_admin_gets_the_lifecycle_filter()
    {
        SignInAsRequester();
        var requesters = RenderLibrary();
        requesters.WaitForAssertion(() => Assert.NotEmpty(requesters.FindAll("[data-testid=filter-os]")), Patience);

        Assert.Empty(requesters.FindAll("[data-testid=filter-lifecycle]"));
    }

    private IRenderedComponent<LibraryPage> RenderLibrary(string query = "")
    {
        Render<MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/library" + query);
        return Render<LibraryPage>();
    }

    private static List<string> ImageNames(IRenderedComponent<LibraryPage> page) =>
        page.FindAll("[data-testid=image-link]").Select(a => a.TextContent.Trim()).ToList();

    private static IElement Row(IRenderedComponent<LibraryPage> page, string name) =>
        page.FindAll("tr").Single(r => r.QuerySelector("[data-testid=image-link]")?.TextContent.Trim() == name);
}
