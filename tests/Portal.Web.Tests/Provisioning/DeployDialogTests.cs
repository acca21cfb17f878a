using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Data.Library;
using Portal.Domain.Deployments;
using Portal.Domain.Library;
using Portal.Domain.Security;
using Portal.Domain.Validation;
using Portal.Provisioning.Deployments;
using Portal.Web.Library;

namespace Portal.Web.Tests.Provisioning;

/// <summary>"Deploy now" on the image page: the dialog, its refusals per field, and where a success lands.</summary>
public sealed class DeployDialogTests(ProvisioningPortal portal) : ProvisioningPagesTestContext(portal), IClassFixture<ProvisioningPortal>
{
    [Fact]
    public void Only_admins_get_the_deploy_button()
    {
        Auth.SetAuthorized("requester@portal.local").SetRoles(PortalRoles.Requester);

        var page = RenderUbuntu();

        Assert.Empty(page.FindAll("[data-testid=deploy-now]"));
    }

    [Fact]
    public void The_dialog_offers_the_templates_sizes_and_a_field_per_parameter_with_the_secret_as_a_password()
    {
        SignInAsAdmin();
        var dialog = OpenDialog(RenderUbuntu());

        Assert.Equal("4", Input(dialog, "size-Processor").GetAttribute("value"));
        Assert.Equal("8", Input(dialog, "size-Memory").GetAttribute("value"));
        Assert.Equal("password", Input(dialog, "parameter-adminPassword").GetAttribute("type"));
        Assert.Equal("text", Input(dialog, "parameter-hostname").GetAttribute("type"));
        Assert.Equal("ops", Input(dialog, "parameter-adminUser").GetAttribute("value"));
    }

    [Fact]
    public void A_refused_deployment_shows_each_error_next_to_its_field_and_keeps_the_dialog_open()
    {
        SignInAsAdmin();
        var dialog = OpenDialog(RenderUbuntu());

        Input(dialog, "parameter-hostname").Change("not a host!");
        dialog.Find("[data-testid=deploy-submit]").Click();

        dialog.WaitForAssertion(() => Assert.Contains("Enter a host name", ErrorOf(dialog, "parameter-hostname"), StringComparison.Ordinal), Patience);
        // Left empty, the administrator password is one the portal generates: not an error.
        Assert.Equal("", ErrorOf(dialog, "parameter-adminPassword"));
        Assert.Equal("", ErrorOf(dialog, "parameter-adminUser"));
        Assert.NotEmpty(dialog.FindAll("[data-testid=deploy-dialog], .mud-dialog"));
    }

    [Fact]
    public void A_size_outside_the_templates_bounds_is_refused_on_its_field()
    {
        SignInAsAdmin();
        var dialog = OpenDialog(RenderUbuntu());
        Input(dialog, "parameter-hostname").Change("web-sized-01");
        Input(dialog, "parameter-adminPassword").Change(ProvisioningPortal.Secret);

        // Between the bounds, but not a whole number of vCPUs: only the server's rules can refuse it.
        Input(dialog, "size-Processor").Change("2.5");
        dialog.Find("[data-testid=deploy-submit]").Click();

        dialog.WaitForAssertion(() => Assert.Contains("whole units", ErrorOf(dialog, "size-Processor"), StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task A_started_deployment_lands_on_its_page_without_keeping_the_secret_in_the_deployment()
    {
        SignInAsAdmin();
        var dialog = OpenDialog(RenderUbuntu());
        Input(dialog, "parameter-hostname").Change("web-dialog-01");
        Input(dialog, "parameter-adminPassword").Change(ProvisioningPortal.Secret);

        dialog.Find("[data-testid=deploy-submit]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        dialog.WaitForAssertion(() => Assert.Contains("/admin/deployments/", navigation.Uri, StringComparison.Ordinal), Patience);
        var id = Guid.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..]);
        var deployment = await WithAsync<IDeploymentStore, Deployment?>(store => store.FindAsync(id, Token));
        Assert.NotNull(deployment);
        Assert.Equal("admin@portal.local", deployment.RequestedBy);
        Assert.Equal("web-dialog-01", deployment.Parameters["hostname"]);
        Assert.False(deployment.Parameters.ContainsKey("adminPassword"), "the secret is stored apart, not with the deployment");
    }

    [Fact]
    public void A_parameter_field_is_captioned_by_its_label_with_its_description_as_help()
    {
        SignInAsAdmin();
        var dialog = OpenDialog(RenderUbuntu());

        var (caption, help) = (CaptionOf(dialog, "parameter-hostname"), HelpOf(dialog, "parameter-hostname"));

        Assert.Equal("Host name", caption);
        Assert.StartsWith("The server's name on the network, e.g. web-01.", help, StringComparison.Ordinal);
        Assert.DoesNotContain("hostname", caption + help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_without_a_label_is_captioned_by_its_name_as_words()
    {
        SignInAsAdmin();
        var ubuntu = (await WithAsync<ImageStore, MasterImage?>(store => store.FindAsync(ProvisioningPortal.Ubuntu, Token)))!;
        var draft = ubuntu with
        {
            Id = Guid.NewGuid(),
            Version = "labels-draft",
            Lifecycle = ImageLifecycle.Draft,
            Software = ubuntu.Software with { Parameters = [.. ubuntu.Software.Parameters, new() { Name = "ntp_servers" }] },
        };
        Assert.True((await WithAsync<ImageStore, ValidationResult<MasterImage>>(store => store.CreateAsync(draft, Token))).IsValid);

        var dialog = OpenDialog(RenderImage(draft.Id));

        Assert.Equal("NTP servers", CaptionOf(dialog, "parameter-ntp_servers"));
    }

    private IRenderedComponent<ImageDetailsPage> RenderUbuntu() => RenderImage(ProvisioningPortal.Ubuntu);

    private IRenderedComponent<ImageDetailsPage> RenderImage(Guid id)
    {
        Render<MudPopoverProvider>();
        var page = Render<ImageDetailsPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=image-name]")), Patience);
        return page;
    }

    private IRenderedComponent<MudDialogProvider> OpenDialog(IRenderedComponent<ImageDetailsPage> page)
    {
        var dialogs = Render<MudDialogProvider>();
        page.Find("[data-testid=deploy-now]").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=deploy-submit]")), Patience);
        return dialogs;
    }

    private static IElement Input(IRenderedComponent<MudDialogProvider> dialog, string testId) =>
        dialog.Find($"[data-testid={testId}] input, input[data-testid={testId}]");

    /// <summary>The caption a field shows (its floating label).</summary>
    private static string CaptionOf(IRenderedComponent<MudDialogProvider> dialog, string testId) =>
        Input(dialog, testId).Closest(".mud-input-control")!.QuerySelector("label")!.TextContent.Trim();

    /// <summary>The helper text under a field.</summary>
    private static string HelpOf(IRenderedComponent<MudDialogProvider> dialog, string testId) =>
        Input(dialog, testId).Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")!.TextContent.Trim();

    /// <summary>The error text under a field; empty when it has none.</summary>
    private static string ErrorOf(IRenderedComponent<MudDialogProvider> dialog, string testId) =>
        Input(dialog, testId).Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() ?? "";
}
