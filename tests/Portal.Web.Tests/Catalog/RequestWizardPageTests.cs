using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Library;
using Portal.Domain.Requests;
using Portal.Provisioning.Requests;
using Portal.Web.Library;
using Portal.Web.Tests.Provisioning;

namespace Portal.Web.Tests.Catalog;

/// <summary>The request wizard as Riya uses it: sizes within the template, platforms with reasons, names, refusals on their fields, and a submit.</summary>
public sealed class RequestWizardPageTests(ProvisioningPortal portal) : WizardTestContext(portal), IClassFixture<ProvisioningPortal>
{
    private static readonly Guid EdgeRedfish = Guid.Parse("9a1e0000-0000-4000-8000-000000000002");

    [Fact]
    public void The_first_step_says_what_the_image_is_and_where_it_came_from()
    {
        SignInAsRequester();

        var page = RenderWizard();

        Assert.Contains("Ubuntu 24.04 LTS server", page.Find("[data-testid=wizard-image]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Captured from a physical server via PXE", page.Find("[data-testid=image-provenance]").TextContent.Trim());
        Assert.Equal("/catalog", page.Find("[data-testid=change-image]").GetAttribute("href"));
    }

    [Fact]
    public void The_size_fields_start_at_the_templates_defaults_and_keep_within_its_bounds()
    {
        SignInAsRequester();
        var page = RenderWizard();

        Next(page, "size");

        Assert.Equal("4", Input(page, "size-Processor").GetAttribute("value"));
        Assert.Equal("8", Input(page, "size-Memory").GetAttribute("value"));
        var slider = Input(page, "size-Processor-slider");
        Assert.Equal(("2", "16", "1"), (slider.GetAttribute("min"), slider.GetAttribute("max"), slider.GetAttribute("step")));

        Input(page, "size-Processor").Change("100");
        page.WaitForAssertion(() => Assert.Equal("16", Input(page, "size-Processor").GetAttribute("value")), Patience);
        Input(page, "size-Memory").Change("1");
        page.WaitForAssertion(() => Assert.Equal("4", Input(page, "size-Memory").GetAttribute("value")), Patience);
        Assert.Equal("16 vCPU · 4 GiB · 80 GiB", page.Find("[data-testid=summary-hardware]").TextContent.Trim());
    }

    [Fact]
    public void A_platform_that_cannot_run_the_image_is_shown_disabled_with_the_reason()
    {
        SignInAsRequester();
        var page = RenderWizard();
        Next(page, "size");

        Next(page, "placement");

        var edge = page.Find($"[data-testid=platform-option][data-platform-id='{EdgeRedfish}']");
        Assert.Equal("true", edge.GetAttribute("data-disabled"));
        Assert.Contains("boots with", edge.QuerySelector("[data-testid=platform-reasons]")!.TextContent, StringComparison.Ordinal);
        Assert.True(edge.QuerySelector("input")!.HasAttribute("disabled"), "the platform cannot be chosen");
        var simulated = page.Find($"[data-testid=platform-option][data-platform-id='{ProvisioningPortal.SimulatedVirtual}']");
        Assert.Equal("false", simulated.GetAttribute("data-disabled"));
        Assert.NotNull(simulated.QuerySelector("[data-testid=simulated]"));
    }

    [Fact]
    public void Choosing_physical_disables_the_virtual_platforms_saying_why()
    {
        SignInAsRequester();
        var page = RenderWizard();
        Next(page, "size");
        Next(page, "placement");

        page.Find("input[data-testid=placement-Physical]").Click();

        page.WaitForAssertion(() => Assert.Equal("true",
            page.Find($"[data-testid=platform-option][data-platform-id='{ProvisioningPortal.SimulatedVirtual}']").GetAttribute("data-disabled")), Patience);
        Assert.Contains("Not a physical platform.", page.Find($"[data-testid=platform-option][data-platform-id='{ProvisioningPortal.SimulatedVirtual}']").TextContent, StringComparison.Ordinal);
        Assert.Equal("false", page.Find($"[data-testid=platform-option][data-platform-id='{ProvisioningPortal.SimulatedBareMetal}']").GetAttribute("data-disabled"));
    }

    [Fact]
    public void A_required_parameter_left_empty_keeps_the_wizard_on_the_details_with_its_message()
    {
        SignInAsRequester();
        var page = RenderWizard(Guid.Parse("1d0c0000-0000-4000-8000-000000000005"));
        ToDetails(page);
        Input(page, "hostname-pattern").Input("wiz-empty-01");
        TextArea(page, "justification").Change("A test server for the checkout team.");

        page.Find("[data-testid=wizard-next]").Click();

        page.WaitForAssertion(() => Assert.Equal("Database superuser password is required.", ErrorOf(page, "parameter-dbPassword")), Patience);
        Assert.NotEmpty(page.FindAll("[data-testid=step-details]"));
        Assert.Empty(page.FindAll("[data-testid=step-review]"));
    }

    [Fact]
    public void The_name_pattern_previews_one_distinct_name_per_server()
    {
        SignInAsRequester();
        var page = RenderWizard();
        ToDetails(page);

        Input(page, "quantity").Change("3");
        Input(page, "hostname-pattern").Input("wiz-web-{nn}");

        page.WaitForAssertion(() => Assert.Equal(["wiz-web-01", "wiz-web-02", "wiz-web-03"],
            page.FindAll("[data-testid=hostname-preview] [data-testid=hostname]").Select(c => c.TextContent.Trim()).ToList()), Patience);
    }

    [Fact]
    public async Task A_name_already_claimed_is_refused_on_the_name_field_with_the_servers_message()
    {
        await RequestUbuntuAsync("wiz-taken-01");
        SignInAsRequester();
        var page = RenderWizard();
        ToDetails(page);
        FillDetails(page, "wiz-taken-01");

        page.Find("[data-testid=wizard-next]").Click();

        page.WaitForAssertion(() => Assert.Equal(
            "The host name wiz-taken-01 is in use by another server or request: choose another.", ErrorOf(page, "hostname-pattern")), Patience);
        Assert.NotEmpty(page.FindAll("[data-testid=step-details]"));
    }

    [Fact]
    public void The_review_shows_the_plan_in_words_and_the_names()
    {
        SignInAsRequester();
        var page = RenderWizard();
        ToDetails(page);
        FillDetails(page, "wiz-review-01");

        Next(page, "review");

        var plan = page.FindAll("[data-testid=review-plan] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains("Set the host name wiz-review-01", plan);
        Assert.Equal(["wiz-review-01"], page.FindAll("[data-testid=review-name]").Select(n => n.TextContent.Trim()));
        Assert.NotEmpty(page.Find("[data-testid=review-target]").TextContent.Trim());
    }

    [Fact]
    public void Placement_any_previews_a_virtual_machine_first_as_allocation_tries_one_first()
    {
        SignInAsRequester();
        var page = RenderWizard();
        Next(page, "size");
        Next(page, "placement");
        page.Find("input[data-testid=placement-Any]").Click();
        Next(page, "details");
        FillDetails(page, "wiz-any-01");

        Next(page, "review");

        var virtualPlatforms = LibraryDemoData.Platforms.Where(p => p.Kind == PlatformKind.Virtual).Select(p => p.Name);
        Assert.Contains(virtualPlatforms, name => page.Find("[data-testid=review-target]").TextContent.Trim().StartsWith(name, StringComparison.Ordinal));
        Assert.Contains("second approval", page.Find("[data-testid=review-approval]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submitted_request_lands_on_its_page_as_asked()
    {
        SignInAsRequester();
        var page = RenderWizard();
        ToDetails(page);
        FillDetails(page, "wiz-submit-01");
        Next(page, "review");

        page.Find("[data-testid=submit-request]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Contains("/requests/", navigation.Uri, StringComparison.Ordinal), Patience);
        var id = Guid.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..]);
        var request = await WithAsync<IRequestStore, ServerRequest?>(store => store.FindAsync(id, Token));
        Assert.NotNull(request);
        Assert.Equal(("requester@portal.local", 1, "wiz-submit-01"), (request.RequestedBy, request.Quantity, request.Hostnames.Single()));
        Assert.Equal("A test server for the checkout team.", request.Justification);
    }

    [Fact]
    public async Task A_refused_submit_goes_back_to_the_step_of_the_error_and_keeps_what_was_typed()
    {
        SignInAsRequester();
        var page = RenderWizard();
        ToDetails(page);
        FillDetails(page, "wiz-race-01");
        Next(page, "review");

        // Someone else claims the name between the preview and the submit.
        await RequestUbuntuAsync("wiz-race-01");
        page.Find("[data-testid=submit-request]").Click();

        page.WaitForAssertion(() => Assert.Contains("wiz-race-01 is in use", ErrorOf(page, "hostname-pattern"), StringComparison.Ordinal), Patience);
        Assert.Equal("wiz-race-01", Input(page, "hostname-pattern").GetAttribute("value"));
        Assert.Equal("A test server for the checkout team.", TextArea(page, "justification").TextContent.Trim() is { Length: > 0 } text
            ? text : TextArea(page, "justification").GetAttribute("value"));
    }
}
