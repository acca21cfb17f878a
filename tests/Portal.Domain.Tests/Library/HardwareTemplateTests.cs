using Portal.Domain.Library;

namespace Portal.Domain.Tests.Library;

public sealed class HardwareTemplateTests
{
    [Fact]
    public void A_realistic_template_is_valid_and_summarised_for_the_catalogue()
    {
        var template = Samples.Template();

        Assert.Empty(template.Validate());
        Assert.Equal("4 vCPU · 8 GiB · 80 GiB · 20 GiB", template.Summary());
    }

    [Theory]
    [InlineData(0, "requirements[0].quantity")]
    [InlineData(-2, "requirements[0].quantity")]
    public void Zero_or_negative_quantities_are_rejected_on_their_field(int quantity, string field)
    {
        var template = With(new ResourceRequirement { Type = ResourceType.Processor, Quantity = quantity });

        Assert.Contains(template.Validate(), e => e.Field == field);
    }

    [Fact]
    public void A_maximum_below_the_minimum_is_rejected()
    {
        var template = With(new ResourceRequirement { Type = ResourceType.Processor, Quantity = 4, Minimum = 8, Maximum = 2 });

        var errors = template.Validate();
        Assert.Contains(errors, e => e.Field == "requirements[0].maximum");
    }

    [Theory]
    [InlineData(ResourceType.Memory, ResourceUnit.Count)]
    [InlineData(ResourceType.Disk, ResourceUnit.Count)]
    [InlineData(ResourceType.Processor, ResourceUnit.GiB)]
    public void A_unit_that_does_not_fit_the_type_is_rejected(ResourceType type, ResourceUnit unit)
    {
        var template = new HardwareTemplate
        {
            Requirements =
            [
                new() { Type = ResourceType.Processor, Quantity = 2 },
                new() { Type = ResourceType.Memory, Quantity = 4, Unit = ResourceUnit.GiB },
                new() { Type = type, Quantity = 4, Unit = unit },
            ],
        };

        Assert.Contains(template.Validate(), e => e.Field == "requirements[2].unit");
    }

    [Fact]
    public void Two_processor_entries_are_rejected_on_the_second()
    {
        var template = new HardwareTemplate
        {
            Requirements =
            [
                new() { Type = ResourceType.Processor, Quantity = 2 },
                new() { Type = ResourceType.Memory, Quantity = 4, Unit = ResourceUnit.GiB },
                new() { Type = ResourceType.Processor, Quantity = 2 },
            ],
        };

        Assert.Contains(template.Validate(), e => e.Field == "requirements[2].type");
    }

    [Fact]
    public void A_template_without_memory_is_rejected()
    {
        var template = new HardwareTemplate { Requirements = [new() { Type = ResourceType.Processor, Quantity = 2 }] };

        Assert.Contains(template.Validate(), e => e.Field == "requirements" && e.Message == "A template needs a memory requirement.");
    }

    [Fact]
    public void Instantiating_without_choices_takes_every_default()
    {
        var hardware = Samples.Template().Instantiate().Value;

        Assert.Equal(4, hardware.Vcpus);
        Assert.Equal(new Quantity(8, ResourceUnit.GiB), hardware.Memory);
        Assert.Equal(new Quantity(100, ResourceUnit.GiB), hardware.TotalDisk);
        Assert.Equal("prod", hardware.OfType(ResourceType.NetworkAdapter).Single().Network);
    }

    [Fact]
    public void A_choice_within_the_bounds_replaces_the_default_of_the_first_requirement_of_its_type()
    {
        var hardware = Samples.Template().Instantiate(new Dictionary<ResourceType, decimal>
        {
            [ResourceType.Processor] = 8,
            [ResourceType.Memory] = 16,
            [ResourceType.Disk] = 200,
        }).Value;

        Assert.Equal(8, hardware.Vcpus);
        Assert.Equal(new Quantity(16384, ResourceUnit.MiB), hardware.Memory);
        Assert.Equal([new Quantity(200, ResourceUnit.GiB), new Quantity(20, ResourceUnit.GiB)], hardware.OfType(ResourceType.Disk).Select(d => d.Amount));
    }

    [Theory]
    [InlineData(ResourceType.Processor, 1, "at least 2")]
    [InlineData(ResourceType.Processor, 32, "at most 16")]
    [InlineData(ResourceType.Processor, 5, "steps of 2")]
    [InlineData(ResourceType.Memory, 128, "at most 64 GiB")]
    [InlineData(ResourceType.Memory, 2, "at least 4 GiB")]
    public void A_choice_outside_the_bounds_is_refused_with_the_bound(ResourceType type, int choice, string expected)
    {
        var result = Samples.Template().Instantiate(new Dictionary<ResourceType, decimal> { [type] = choice });

        var error = Assert.Single(result.Errors);
        Assert.Equal($"hardware.{type}", error.Field);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_requirement_cannot_be_changed_and_an_absent_type_cannot_be_sized()
    {
        var template = With(new ResourceRequirement { Type = ResourceType.Processor, Quantity = 4 });

        var result = template.Instantiate(new Dictionary<ResourceType, decimal> { [ResourceType.Processor] = 8, [ResourceType.Gpu] = 1 });

        Assert.Contains(result.Errors, e => e.Field == "hardware.Processor" && e.Message.Contains("fixed at 4", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Field == "hardware.Gpu");
    }

    private static HardwareTemplate With(ResourceRequirement processor) => new()
    {
        Requirements = [processor, new() { Type = ResourceType.Memory, Quantity = 4, Unit = ResourceUnit.GiB }],
    };

    [Fact]
    public void The_template_of_a_captured_machine_instantiates_to_that_machines_hardware()
    {
        var captured = new HardwareConfiguration(
            [
                new ConcreteResource(ResourceType.Processor, new Quantity(6, ResourceUnit.Count)),
                new ConcreteResource(ResourceType.Memory, new Quantity(24576, ResourceUnit.MiB)),
                new ConcreteResource(ResourceType.Disk, new Quantity(120, ResourceUnit.GiB), DiskBus.Sata),
                new ConcreteResource(ResourceType.NetworkAdapter, new Quantity(1, ResourceUnit.Count), Network: "prod"),
            ],
            CpuArchitecture.X86_64, FirmwareType.Uefi);

        var template = HardwareTemplate.Of(captured);

        Assert.Empty(template.Validate());
        Assert.Equal(captured, template.Instantiate().Value);
    }
}
