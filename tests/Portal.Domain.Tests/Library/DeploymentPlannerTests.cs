using Portal.Domain.Library;

namespace Portal.Domain.Tests.Library;

public sealed class DeploymentPlannerTests
{
    private static readonly DeploymentRequest Request = new()
    {
        Hardware = new Dictionary<ResourceType, decimal> { [ResourceType.Processor] = 8, [ResourceType.Memory] = 16 },
        Parameters = new Dictionary<string, string?> { ["hostname"] = "web-01", ["adminPassword"] = "S3cret!pass" },
    };

    [Fact]
    public void A_P2V_plan_creates_a_vm_from_the_chosen_hardware_and_writes_the_physical_capture()
    {
        var image = Samples.Image();

        var plan = DeploymentPlanner.Plan(image, Samples.Kvm(), Request).Value;

        Assert.Equal(MigrationRoute.P2V, plan.Route);
        Assert.Equal(
            [DeploymentStepKind.CreateVirtualMachine, DeploymentStepKind.WriteImage, DeploymentStepKind.ConfigureSoftware, DeploymentStepKind.PowerOn],
            plan.Steps.Select(s => s.Kind));
        Assert.Equal(8, plan.Hardware.Vcpus);
        Assert.Equal(new Quantity(16, ResourceUnit.GiB), plan.Hardware.Memory);
        Assert.Equal(DiskFormat.Raw, plan.WrittenFormat);
        Assert.Equal([1, 2, 3, 4], plan.Steps.Select(s => s.Order));
    }

    [Fact]
    public void A_V2V_plan_converts_first_when_the_hypervisor_needs_another_format()
    {
        var image = Samples.Image(Samples.Artifact(DiskFormat.Vmdk, CaptureSource.Virtual, PlatformTechnology.VSphere));

        var plan = DeploymentPlanner.Plan(image, Samples.Kvm(), Request).Value;

        Assert.Equal(DeploymentStepKind.ConvertArtifact, plan.Steps[0].Kind);
        Assert.Equal("Convert the VMDK artifact to qcow2 for KVM cluster A", plan.Steps[0].Description);
        Assert.Equal(DiskFormat.Qcow2, plan.WrittenFormat);
    }

    [Fact]
    public void A_plan_for_bare_metal_reserves_a_server_and_network_boots_the_writer()
    {
        var plan = DeploymentPlanner.Plan(Samples.Image(), Samples.Pxe(), Request).Value;

        Assert.Equal(DeploymentStepKind.AllocatePhysicalServer, plan.Steps[0].Kind);
        Assert.Contains("Network-boot", plan.Steps[1].Description, StringComparison.Ordinal);
        Assert.Equal(MigrationRoute.P2P, plan.Route);
    }

    [Fact]
    public void Planning_is_deterministic()
    {
        var image = Samples.Image(Samples.Artifact(DiskFormat.Vmdk, CaptureSource.Virtual, PlatformTechnology.VSphere));
        var kvm = Samples.Kvm();

        var first = DeploymentPlanner.Plan(image, kvm, Request).Value;
        var second = DeploymentPlanner.Plan(image, kvm, Request).Value;

        Assert.Equal(first.Steps, second.Steps);
        Assert.Equal(first.Hardware, second.Hardware);
        Assert.Equal(first.Conversion, second.Conversion);
    }

    [Fact]
    public void Every_problem_with_a_request_comes_back_keyed_by_field()
    {
        var request = new DeploymentRequest
        {
            Hardware = new Dictionary<ResourceType, decimal> { [ResourceType.Processor] = 3 },
            Parameters = new Dictionary<string, string?> { ["hostname"] = "web-01" },
        };

        var fields = DeploymentPlanner.Plan(Samples.Image(), Samples.Kvm(), request).Errors.Select(e => e.Field).ToList();

        Assert.Equal(["hardware.Processor", "parameters.adminPassword"], fields);
    }

    [Fact]
    public void A_choice_within_the_template_but_beyond_the_platform_is_refused()
    {
        var result = DeploymentPlanner.Plan(Samples.Image(), Samples.Kvm(maxVcpus: 6), Request);

        var error = Assert.Single(result.Errors);
        Assert.Equal("hardware.Processor", error.Field);
        Assert.Contains("at most 6 vCPU", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_incompatible_platform_is_refused_with_its_reasons()
    {
        var image = Samples.Image(Samples.Artifact(DiskFormat.Wim, CaptureSource.Physical, PlatformTechnology.Pxe));

        var error = Assert.Single(DeploymentPlanner.Plan(image, Samples.Kvm(), Request).Errors);

        Assert.Equal("platformId", error.Field);
    }

    [Fact]
    public void A_draft_is_planned_only_when_the_caller_allows_unpublished_images()
    {
        var draft = Samples.Image() with { Lifecycle = ImageLifecycle.Draft };

        Assert.Equal("imageId", Assert.Single(DeploymentPlanner.Plan(draft, Samples.Kvm(), Request).Errors).Field);
        Assert.True(DeploymentPlanner.Plan(draft, Samples.Kvm(), Request with { AllowUnpublished = true }).IsValid);
    }
}
