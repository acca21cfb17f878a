using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using Portal.Provisioning;
using Portal.Web.Library.Platforms;

namespace Portal.Web.Tests.Library;

public sealed class PlatformsPageTests : LibraryTestContext
{
    [Fact]
    public void While_the_simulated_datacenter_plays_every_platform_each_one_is_marked_simulated()
    {
        SignInAsAdmin();

        var page = RenderPlatforms();

        Assert.NotNull(Row(page, "KVM cluster Frankfurt").QuerySelector("[data-testid=simulated-badge]"));
        Assert.NotNull(Row(page, "Rack pool A (PXE)").QuerySelector("[data-testid=simulated-badge]"));
    }

    [Fact]
    public void With_real_drivers_only_the_simulated_platforms_are_marked()
    {
        Drivers.Drivers = DriverMode.Real;
        SignInAsAdmin();

        var page = RenderPlatforms();

        Assert.Null(Row(page, "KVM cluster Frankfurt").QuerySelector("[data-testid=simulated-badge]"));
        Assert.NotNull(Row(page, "Simulated bare-metal pool").QuerySelector("[data-testid=simulated-badge]"));
    }

    [Fact]
    public void Capabilities_read_with_the_names_people_use()
    {
        SignInAsAdmin();

        var page = RenderPlatforms();

        var kvm = Row(page, "KVM cluster Frankfurt").TextContent;
        Assert.Contains("qcow2, raw", kvm, StringComparison.Ordinal);
        Assert.Contains("x86-64, ARM64", kvm, StringComparison.Ordinal);
    }

    private IRenderedComponent<PlatformsPage> RenderPlatforms()
    {
        Render<MudPopoverProvider>();
        var page = Render<PlatformsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr")), Patience);
        return page;
    }

    private static IElement Row(IRenderedComponent<PlatformsPage> page, string name) =>
        page.FindAll("tbody tr").Single(r => r.QuerySelector("b")?.TextContent.Trim() == name);
}
