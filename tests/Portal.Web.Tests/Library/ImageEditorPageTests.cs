using AngleSharp.Dom;
using Bunit;
using Portal.Web.Library.Editing;

namespace Portal.Web.Tests.Library;

public sealed class ImageEditorPageTests : LibraryTestContext
{
    [Fact]
    public void Each_parameter_row_offers_its_label_for_editing()
    {
        SignInAsAdmin();

        var page = RenderEditor(Debian12);

        Assert.Equal("Host name", LabelInput(page, 0).GetAttribute("value"));
    }

    [Fact]
    public async Task A_changed_label_is_saved_with_the_image()
    {
        SignInAsAdmin();
        var page = RenderEditor(Debian12);

        LabelInput(page, 0).Change("Server name");
        page.Find("[data-testid=save-image]").Click();

        await EventuallyAsync(async () =>
            (await WithStoreAsync(store => store.FindAsync(Debian12, CancellationToken.None)))!.Software.Parameters[0].Label == "Server name");
    }

    [Fact]
    public void A_label_too_long_for_a_caption_is_refused_next_to_its_field()
    {
        SignInAsAdmin();
        var page = RenderEditor(Debian12);

        LabelInput(page, 0).Change(new string('x', 101));
        page.Find("[data-testid=save-image]").Click();

        page.WaitForAssertion(() => Assert.Contains("at most 100 characters",
            LabelInput(page, 0).Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent ?? "", StringComparison.Ordinal), Patience);
    }

    private IRenderedComponent<ImageEditorPage> RenderEditor(Guid id)
    {
        var page = Render<ImageEditorPage>(p => p.Add(e => e.Id, id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=parameter-row]")), Patience);
        return page;
    }

    private static IElement LabelInput(IRenderedComponent<ImageEditorPage> page, int row) =>
        page.FindAll("[data-testid=parameter-row]")[row].QuerySelector("[data-testid=parameter-label-input] input, input[data-testid=parameter-label-input]")!;

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100, Xunit.TestContext.Current.CancellationToken);
        }

        Assert.Fail("The label was not saved within 15 seconds.");
    }
}
