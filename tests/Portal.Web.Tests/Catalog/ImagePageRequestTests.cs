using Bunit;
using MudBlazor;
using Portal.Web.Library;
using Portal.Web.Tests.Library;

namespace Portal.Web.Tests.Catalog;

/// <summary>"Request a server" on the image page: for requesters and admins, on published images only.</summary>
public sealed class ImagePageRequestTests : LibraryTestContext
{
    [Fact]
    public void A_requester_can_request_a_server_from_a_published_images_page()
    {
        SignInAsRequester();

        var page = RenderImage(Debian12);

        Assert.Equal($"/catalog/{Debian12}/request", page.Find("[data-testid=request-server]").GetAttribute("href"));
    }

    [Fact]
    public async Task A_draft_cannot_be_requested_even_by_an_admin()
    {
        var draft = await CreateDraftFromAsync(Debian12, "12.8-draft");
        SignInAsAdmin();

        var page = RenderImage(draft.Id);

        Assert.Empty(page.FindAll("[data-testid=request-server]"));
    }

    private IRenderedComponent<ImageDetailsPage> RenderImage(Guid id)
    {
        Render<MudPopoverProvider>();
        var page = Render<ImageDetailsPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=image-name]")), Patience);
        return page;
    }
}
