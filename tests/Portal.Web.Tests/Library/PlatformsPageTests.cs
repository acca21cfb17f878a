using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using Portal.Domain.Library;
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

    [Fact]
    public async Task A_platform_configured_for_libvirt_shows_its_driver_and_uri_and_is_real_with_real_drivers()
    {
        Drivers.Drivers = DriverMode.Real;
        SignInAsAdmin();
        await WithStoreAsync(async store =>
        {
            var kvm = (await store.PlatformsAsync(CancellationToken.None)).Single(p => p.Name == "KVM cluster Frankfurt");
            return await store.SavePlatformAsync(
                kvm with { Connection = new PlatformConnection { Driver = PlatformDriver.Libvirt, Uri = "qemu+ssh://root@kvm-fra-01/system" } }, CancellationToken.None);
        });

        var page = RenderPlatforms();

        var row = Row(page, "KVM cluster Frankfurt");
        Assert.Contains("libvirt", row.QuerySelector("[data-testid=platform-driver-cell]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("qemu+ssh://root@kvm-fra-01/system", row.TextContent, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector("[data-testid=simulated-badge]"));
    }

    [Fact]
    public async Task A_kvm_platform_configured_as_simulated_is_marked_even_with_real_drivers()
    {
        Drivers.Drivers = DriverMode.Real;
        SignInAsAdmin();
        await WithStoreAsync(async store =>
        {
            var kvm = (await store.PlatformsAsync(CancellationToken.None)).Single(p => p.Name == "KVM cluster Frankfurt");
            return await store.SavePlatformAsync(kvm with { Connection = PlatformConnection.Simulated }, CancellationToken.None);
        });

        var page = RenderPlatforms();

        Assert.NotNull(Row(page, "KVM cluster Frankfurt").QuerySelector("[data-testid=simulated-badge]"));
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
