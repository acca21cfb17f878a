using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Requests;
using Portal.Domain.Validation;
using Portal.Provisioning.Requests;
using Portal.Web.Catalog;
using Portal.Web.Library;

namespace Portal.Web.Tests.Catalog;

/// <summary>The request wizard's rules, without a page: sizes, placement, names, checks per step, refusals and the order it makes.</summary>
public sealed class RequestFormTests
{
    private static readonly IReadOnlyList<MasterImage> Images = LibraryDemoData.Images("admin@portal.local");
    private static readonly MasterImage Ubuntu = Images.Single(i => i.Name == "Ubuntu 24.04 LTS server");
    private static readonly MasterImage WindowsServer = Images.Single(i => i.Name == "Windows Server 2022 Datacenter");
    private static readonly MasterImage Postgres = Images.Single(i => i.Name == "PostgreSQL 16 database server");
    private static readonly Guid EdgeRedfish = Guid.Parse("9a1e0000-0000-4000-8000-000000000002");
    private static readonly Guid KvmFrankfurt = Guid.Parse("9a1e0000-0000-4000-8000-000000000003");
    private static readonly Guid RackPool = Guid.Parse("9a1e0000-0000-4000-8000-000000000001");

    [Fact]
    public void Every_adjustable_size_starts_at_the_templates_default()
    {
        var form = FormFor(Ubuntu);

        Assert.Equal([4m, 8m, 80m], form.Sizes.Where(s => s.Adjustable).Select(s => s.Value));
        Assert.Equal("4 vCPU · 8 GiB · 80 GiB", form.HardwareSummary);
    }

    [Fact]
    public void A_size_outside_the_bounds_takes_the_nearest_bound()
    {
        var form = FormFor(Ubuntu);
        var cpu = form.Sizes.Single(s => s.Type == ResourceType.Processor);

        form.Resize(cpu, 100);
        Assert.Equal(16, cpu.Value);
        form.Resize(cpu, 0);
        Assert.Equal(2, cpu.Value);
    }

    [Fact]
    public void A_size_between_steps_takes_the_nearest_step_from_the_minimum()
    {
        var image = Ubuntu with
        {
            Hardware = Ubuntu.Hardware with
            {
                Requirements =
                [
                    new() { Type = ResourceType.Processor, Quantity = 4, Minimum = 2, Maximum = 16, Step = 2 },
                    new() { Type = ResourceType.Memory, Quantity = 8, Unit = ResourceUnit.GiB, Minimum = 4, Maximum = 64, Step = 4 },
                ],
            },
        };
        var form = FormFor(image);
        var cpu = form.Sizes.Single(s => s.Type == ResourceType.Processor);
        var memory = form.Sizes.Single(s => s.Type == ResourceType.Memory);

        form.Resize(cpu, 5);
        form.Resize(memory, 9);

        Assert.Equal((6m, 8m), (cpu.Value, memory.Value));
        Assert.True(form.Check(WizardStep.Size));
    }

    [Fact]
    public void The_host_name_parameter_is_filled_by_the_name_pattern_not_asked_for_again()
    {
        var form = FormFor(Ubuntu);

        Assert.Equal("hostname", form.HostnameParameter?.Name);
        Assert.DoesNotContain(form.Parameters, p => p.Name == "hostname");
        Assert.Equal(["ipAddress", "adminUser", "adminPassword", "sshAuthorizedKey"], form.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void A_required_parameter_left_empty_stops_the_details_with_its_label()
    {
        var form = DetailsReady(FormFor(Postgres));
        form.SetParameter(Parameter(form, "dbPassword"), "");

        Assert.False(form.Check(WizardStep.Details));
        Assert.Equal("Database superuser password is required.", form.ErrorFor("parameters.dbPassword"));
    }

    [Fact]
    public void A_secret_the_portal_generates_may_be_left_empty()
    {
        var image = Ubuntu with
        {
            Software = Ubuntu.Software with
            {
                Parameters = [.. Ubuntu.Software.Parameters.Select(p => p.Name == "adminPassword" ? p with { Generate = true } : p)],
            },
        };
        var form = DetailsReady(FormFor(image));
        form.SetParameter(Parameter(form, "adminPassword"), null);

        Assert.True(form.Check(WizardStep.Details), string.Join(" ", form.OtherErrors));
        Assert.Contains("the portal generates one, shown to you once", CatalogText.Help(Parameter(form, "adminPassword").Definition), StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_form_is_refused_as_the_domain_refuses_it()
    {
        var form = FormFor(Ubuntu);

        form.SetParameter(Parameter(form, "ipAddress"), "10.0.0.999");
        form.SetParameter(Parameter(form, "adminUser"), "Root");

        Assert.Equal("Enter an IPv4 or IPv6 address.", form.ErrorFor("parameters.ipAddress"));
        Assert.StartsWith("The value does not have the expected form", form.ErrorFor("parameters.adminUser"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_gives_one_name_per_server()
    {
        var form = FormFor(Ubuntu);

        form.SetQuantity(3);
        form.SetNamePattern("web-{nn}");

        Assert.Equal(["web-01", "web-02", "web-03"], form.Names);
        Assert.False(form.HasError(RequestForm.NamesKey));
    }

    [Fact]
    public void Several_servers_with_one_plain_name_are_refused()
    {
        var form = FormFor(Ubuntu);

        form.SetQuantity(2);
        form.SetNamePattern("web");

        Assert.Empty(form.Names);
        Assert.Contains("put {n} where the number goes", form.ErrorFor(RequestForm.NamesKey), StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_breaking_the_images_own_host_name_rule_is_refused()
    {
        var form = FormFor(WindowsServer);

        form.SetNamePattern("a-windows-name-far-too-long");

        Assert.StartsWith("a-windows-name-far-too-long: The value does not have the expected form", form.ErrorFor(RequestForm.NamesKey), StringComparison.Ordinal);
    }

    [Fact]
    public void The_quantity_stays_between_one_and_ten()
    {
        var form = FormFor(Ubuntu);

        form.SetQuantity(40);
        Assert.Equal(ServerRequest.MaxQuantity, form.Quantity);
        form.SetQuantity(0);
        Assert.Equal(1, form.Quantity);
    }

    [Fact]
    public void A_short_justification_is_refused()
    {
        var form = FormFor(Ubuntu);

        form.SetJustification("  tests  ");

        Assert.Contains("at least 10 characters", form.ErrorFor(RequestForm.JustificationKey), StringComparison.Ordinal);
    }

    [Fact]
    public void A_platform_that_cannot_run_the_image_cannot_be_chosen_and_says_why()
    {
        var form = FormFor(Ubuntu);
        form.ChangePlacement(Placement.Any);
        var edge = form.Platforms.Single(p => p.Id == EdgeRedfish);

        form.ChoosePlatform(EdgeRedfish);

        Assert.Null(form.PlatformId);
        Assert.Equal(edge.Compatibility.Reasons.Select(r => r.Message), form.WhyNot(edge));
        Assert.Contains("boots with", form.WhyNot(edge).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Physical_placement_disables_virtual_platforms_and_forgets_a_pinned_one()
    {
        var form = FormFor(Ubuntu);
        form.ChoosePlatform(KvmFrankfurt);

        form.ChangePlacement(Placement.Physical);

        Assert.Null(form.PlatformId);
        Assert.Equal(["Not a physical platform."], form.WhyNot(form.Platforms.Single(p => p.Id == KvmFrankfurt)));
        Assert.True(form.IsSelectable(form.Platforms.Single(p => p.Id == RackPool)));
    }

    [Fact]
    public void A_virtual_machine_is_asked_for_first_when_a_virtual_platform_can_run_the_image()
    {
        var wim = Images.Single(i => i.Name == "Windows Server 2019 (WIM)");

        Assert.Equal(Placement.Virtual, FormFor(Ubuntu).Placement);
        Assert.Equal(Placement.Any, FormFor(wim).Placement);
    }

    [Fact]
    public void A_placement_no_platform_suits_stops_the_placement_step()
    {
        var arm = Images.Single(i => i.Name == "Ubuntu 24.04 ARM64 edge");
        var form = FormFor(arm);

        form.ChangePlacement(Placement.Physical);

        Assert.False(form.CanPlace(Placement.Physical));
        Assert.False(form.Check(WizardStep.Placement));
        Assert.Equal("No physical platform can run this image: choose Virtual or Any.", form.ErrorFor(RequestForm.PlacementKey));
    }

    [Fact]
    public void An_image_no_platform_can_run_cannot_pass_the_first_step()
    {
        var form = new RequestForm(Ubuntu, [PlatformOption.For(Ubuntu, LibraryDemoData.Platforms.Single(p => p.Id == EdgeRedfish), simulated: false)]);

        Assert.False(form.CanRunAnywhere);
        Assert.False(form.Check(WizardStep.Image));
        Assert.Contains("cannot be requested", form.ErrorFor(RequestForm.ImageKey), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaving_the_details_previews_the_order_and_opens_the_review()
    {
        var form = DetailsReady(FormFor(Ubuntu));
        ServerRequestOrder? previewed = null;

        var moved = await form.GoToAsync(WizardStep.Review, "riya@portal.local", order =>
        {
            previewed = order;
            return Task.FromResult(ValidationResult<RequestPreview>.Success(Preview("web-01")));
        });

        Assert.True(moved);
        Assert.Equal(WizardStep.Review, form.Step);
        Assert.Equal(["web-01"], form.Preview!.Hostnames);
        Assert.Equal(("riya@portal.local", "web-01", 1), (previewed!.RequestedBy, previewed.HostnamePattern, previewed.Quantity));
    }

    [Fact]
    public async Task A_refused_preview_goes_back_to_the_earliest_step_with_each_error_on_its_field()
    {
        var form = await AtDetailsAsync(DetailsReady(FormFor(Ubuntu)));

        var moved = await form.NextAsync("riya@portal.local", _ => Task.FromResult(ValidationResult<RequestPreview>.Failure(
        [
            new ValidationError("parameters.hostname", "The host name web-01 is in use by another server or request: choose another."),
            new ValidationError("hardware.Processor", "Processor must be at most 16."),
        ])));

        Assert.False(moved);
        Assert.Equal(WizardStep.Size, form.Step);
        Assert.Equal("Processor must be at most 16.", form.ErrorFor("hardware.Processor"));
        Assert.Equal("The host name web-01 is in use by another server or request: choose another.", form.ErrorFor(RequestForm.NamesKey));
        Assert.True(form.HasErrors(WizardStep.Details));
    }

    [Fact]
    public async Task An_error_no_field_shows_stays_above_the_form_on_the_review()
    {
        var form = await AtDetailsAsync(DetailsReady(FormFor(Ubuntu)));
        Assert.True(await form.NextAsync("riya@portal.local", _ => Task.FromResult(ValidationResult<RequestPreview>.Success(Preview("web-01")))));

        var request = await form.SubmitAsync("riya@portal.local", _ => Task.FromResult(
            ValidationResult<ServerRequest>.Failure("workflow", "The request was recorded but its workflow could not start.")));

        Assert.Null(request);
        Assert.Equal(WizardStep.Review, form.Step);
        Assert.Equal(["The request was recorded but its workflow could not start."], form.OtherErrors);
    }

    [Fact]
    public void The_order_carries_the_adjustable_sizes_the_filled_parameters_and_the_pattern()
    {
        var form = DetailsReady(FormFor(Ubuntu));
        form.SetQuantity(2);
        form.SetNamePattern("app-{n}");
        form.ChangePlacement(Placement.Virtual);
        form.ChoosePlatform(KvmFrankfurt);

        var order = form.ToOrder("riya@portal.local");

        Assert.Equal([ResourceType.Processor, ResourceType.Memory, ResourceType.Disk], order.Hardware.Keys);
        Assert.Equal(["adminUser", "adminPassword"], order.Parameters.Keys);
        Assert.Equal((2, "app-{n}", Placement.Virtual, (Guid?)KvmFrankfurt), (order.Quantity, order.HostnamePattern, order.Placement, order.PlatformId));
        Assert.Equal("A test server for the checkout team.", order.Justification);
    }

    [Fact]
    public void A_parameter_is_captioned_by_its_label_or_else_its_name_as_words()
    {
        Assert.Equal("Database superuser password", CatalogText.Label(Postgres.Software.Parameters.Single(p => p.Name == "dbPassword")));
        Assert.Equal("SSH authorized key", CatalogText.Label(new ConfigurationParameter { Name = "sshAuthorizedKey" }));
    }

    private static RequestForm FormFor(MasterImage image) =>
        new(image, LibraryDemoData.Platforms.Select(p => PlatformOption.For(image, p, p.Technology == PlatformTechnology.Simulated)));

    private static RequestForm DetailsReady(RequestForm form)
    {
        form.SetNamePattern("web-01");
        form.SetParameter(Parameter(form, "adminPassword"), "Correct-Horse-42");
        form.SetJustification("A test server for the checkout team.");
        return form;
    }

    private static async Task<RequestForm> AtDetailsAsync(RequestForm form)
    {
        Assert.True(await form.GoToAsync(WizardStep.Details, "riya@portal.local", _ => throw new InvalidOperationException("No preview before the details.")));
        return form;
    }

    private static Portal.Web.Provisioning.Deployments.ParameterField Parameter(RequestForm form, string name) =>
        form.Parameters.Single(p => p.Name == name);

    private static RequestPreview Preview(params string[] names) =>
        new(names, ["Create a virtual machine", $"Set the host name {names[0]}"], "KVM cluster Frankfurt",
            RequestDemand.Of(names.Length, 4, 8192, 80, physical: false));
}
