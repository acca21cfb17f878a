using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Library;
using Portal.Web.Library.Platforms;

namespace Portal.Web.Tests.Library;

public sealed class PlatformDialogTests : LibraryTestContext
{
    private const string StoredPassword = "pool-secret-91f3";

    [Fact]
    public async Task A_libvirt_uri_without_a_known_scheme_is_shown_next_to_its_field()
    {
        SignInAsAdmin();
        var form = new PlatformForm { Name = "KVM lab", Kind = PlatformKind.Virtual, Technology = PlatformTechnology.Kvm, Driver = PlatformDriver.Libvirt, Uri = "kvm01" };
        var dialogs = await OpenAsync(form);

        await dialogs.Find("[data-testid=save-platform]").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Contains("'kvm01' is not a libvirt URI", dialogs.Find(".mud-input-control:has([data-testid=platform-uri])").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task A_stored_password_is_shown_as_set_and_never_filled_in()
    {
        SignInAsAdmin();
        var platform = new Platform
        {
            Id = Guid.NewGuid(), Name = "Rack B", Kind = PlatformKind.Physical, Technology = PlatformTechnology.Pxe,
            Capabilities = new PlatformCapabilities { DiskFormats = [DiskFormat.Raw] },
            Connection = new PlatformConnection { Driver = PlatformDriver.Redfish, UserName = "root", Password = new SecretValue(StoredPassword) },
        };

        var dialogs = await OpenAsync(PlatformForm.From(platform));

        Assert.DoesNotContain(StoredPassword, dialogs.Markup, StringComparison.Ordinal);
        Assert.Equal("", dialogs.Find("input[data-testid=platform-password], [data-testid=platform-password] input").GetAttribute("value") ?? "");
        Assert.Contains("Set — leave empty to keep the stored password.", dialogs.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_connection_of_a_simulated_platform_says_it_is_simulated()
    {
        SignInAsAdmin();
        var form = new PlatformForm { Name = "Sim lab", Kind = PlatformKind.Virtual, Technology = PlatformTechnology.Kvm, Driver = PlatformDriver.Simulated };
        var dialogs = await OpenAsync(form);

        await dialogs.Find("[data-testid=test-connection]").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Contains("is simulated", dialogs.Find("[data-testid=connection-result]").TextContent, StringComparison.Ordinal), Patience);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(PlatformForm form)
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var parameters = new DialogParameters<PlatformDialog> { { d => d.Form, form } };
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<PlatformDialog>("Edit", parameters));
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=save-platform]")), Patience);
        return dialogs;
    }
}
