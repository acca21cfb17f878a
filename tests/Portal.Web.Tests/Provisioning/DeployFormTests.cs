using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Validation;
using Portal.Web.Library;
using Portal.Web.Provisioning.Deployments;

namespace Portal.Web.Tests.Provisioning;

public sealed class DeployFormTests
{
    private static readonly MasterImage Ubuntu = LibraryDemoData.Images("admin@portal.local").Single(i => i.Id == ProvisioningPortal.Ubuntu);

    [Fact]
    public void The_form_starts_with_the_templates_defaults_and_leaves_secrets_empty()
    {
        var form = FormFor(Ubuntu);

        Assert.Equal([(ResourceType.Processor, 4m), (ResourceType.Memory, 8m), (ResourceType.Disk, 80m), (ResourceType.NetworkAdapter, 1m)],
            form.Sizes.Select(s => (s.Type, s.Value)));
        Assert.False(form.Sizes.Single(s => s.Type == ResourceType.NetworkAdapter).Adjustable, "the template fixes the NIC count");
        Assert.Equal("ops", Parameter(form, "adminUser").Value);
        Assert.Null(Parameter(form, "adminPassword").Value);
        Assert.True(Parameter(form, "adminPassword").IsSecret);
    }

    [Fact]
    public void A_size_says_its_bounds_and_default()
    {
        var form = FormFor(Ubuntu);

        Assert.Equal("2 to 16 · default 4", form.Sizes.Single(s => s.Type == ResourceType.Processor).Bounds);
    }

    [Fact]
    public void Only_platforms_that_suit_the_placement_are_offered()
    {
        var form = FormFor(Ubuntu);
        Assert.Contains(form.Platforms, p => p.Kind == PlatformKind.Virtual);

        form.ChangePlacement(Placement.Physical);

        Assert.NotEmpty(form.Platforms);
        Assert.All(form.Platforms, p => Assert.Equal(PlatformKind.Physical, p.Kind));
    }

    [Fact]
    public void Changing_the_placement_forgets_a_platform_of_the_other_kind()
    {
        var form = FormFor(Ubuntu);
        form.PlatformId = ProvisioningPortal.SimulatedVirtual;

        form.ChangePlacement(Placement.Physical);

        Assert.Null(form.PlatformId);
    }

    [Fact]
    public void The_order_sends_adjustable_sizes_and_filled_parameters_only()
    {
        var form = FormFor(Ubuntu);
        form.Sizes.Single(s => s.Type == ResourceType.Memory).Value = 16;
        Parameter(form, "hostname").Value = "web-01";
        Parameter(form, "adminPassword").Value = "Correct-Horse-42";
        form.ChangePlacement(Placement.Virtual);

        var order = form.ToOrder("admin@portal.local");

        Assert.Equal(new Dictionary<ResourceType, decimal> { [ResourceType.Processor] = 4, [ResourceType.Memory] = 16, [ResourceType.Disk] = 80 }, order.Hardware);
        Assert.Equal(["hostname", "adminUser", "adminPassword"], order.Parameters.Keys);
        Assert.Equal(Placement.Virtual, order.Placement);
        Assert.Equal("admin@portal.local", order.RequestedBy);
    }

    [Fact]
    public void A_refusals_errors_go_to_their_fields_and_the_rest_above_them()
    {
        var form = FormFor(Ubuntu);

        form.Refused([
            new ValidationError("parameters.hostname", "Enter a host name."),
            new ValidationError("hardware.Processor", "Processor must be at most 16."),
            new ValidationError("placement", "No physical platform can run this image."),
            new ValidationError("imageId", "Ubuntu is Retired."),
        ]);

        Assert.Equal("Enter a host name.", form.ErrorFor(Parameter(form, "hostname").Key));
        Assert.True(form.HasError("hardware.Processor"));
        Assert.True(form.HasError(DeployForm.PlacementKey));
        Assert.Equal(["Ubuntu is Retired."], form.OtherErrors);
    }

    private static DeployForm FormFor(MasterImage image) =>
        new(image, LibraryDemoData.Platforms.Where(p => CompatibilityRules.Check(image, p).Compatible));

    private static ParameterField Parameter(DeployForm form, string name) => form.Parameters.Single(p => p.Name == name);
}
