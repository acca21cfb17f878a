using Portal.Domain.Library;

namespace Portal.Domain.Tests.Library;

public sealed class CompatibilityRulesTests
{
    [Fact]
    public void A_physical_raw_capture_goes_to_kvm_as_it_is_P2V()
    {
        var report = CompatibilityRules.Check(Samples.Image(), Samples.Kvm());

        Assert.True(report.Compatible, string.Join(" ", report.Reasons.Select(r => r.Message)));
        Assert.Null(report.Conversion);
        Assert.Equal(MigrationRoute.P2V, report.Route);
    }

    [Fact]
    public void A_vsphere_vmdk_needs_a_conversion_to_the_platforms_preferred_format_V2V()
    {
        var image = Samples.Image(Samples.Artifact(DiskFormat.Vmdk, CaptureSource.Virtual, PlatformTechnology.VSphere));

        var report = CompatibilityRules.Check(image, Samples.Kvm());

        Assert.True(report.Compatible);
        Assert.Equal(new ArtifactConversion(image.Artifacts[0].Id, DiskFormat.Vmdk, DiskFormat.Qcow2), report.Conversion);
        Assert.Equal(MigrationRoute.V2V, report.Route);
    }

    [Fact]
    public void An_already_converted_artifact_is_used_instead_of_converting_again()
    {
        var vmdk = Samples.Artifact(DiskFormat.Vmdk, CaptureSource.Virtual, PlatformTechnology.VSphere);
        var qcow = Samples.Artifact(DiskFormat.Qcow2, CaptureSource.Virtual, PlatformTechnology.VSphere, vmdk.Id);

        var report = CompatibilityRules.Check(Samples.Image(vmdk, qcow), Samples.Kvm());

        Assert.Same(qcow, report.Artifact);
        Assert.Null(report.Conversion);
    }

    [Fact]
    public void A_hyperv_vhdx_converts_to_raw_for_bare_metal_V2P()
    {
        var image = Samples.Image(Samples.Artifact(DiskFormat.Vhdx, CaptureSource.Virtual, PlatformTechnology.HyperV));

        var report = CompatibilityRules.Check(image, Samples.Pxe());

        Assert.True(report.Compatible);
        Assert.Equal(DiskFormat.Raw, report.Conversion!.To);
        Assert.Equal(MigrationRoute.V2P, report.Route);
    }

    [Fact]
    public void A_wim_has_no_conversion_path_to_a_hypervisor()
    {
        var image = Samples.Image(Samples.Artifact(DiskFormat.Wim, CaptureSource.Physical, PlatformTechnology.Pxe));

        var report = CompatibilityRules.Check(image, Samples.Kvm());

        Assert.False(report.Compatible);
        Assert.True(report.Has(CompatibilityIssue.DiskFormat));
        Assert.Contains("the image has WIM", Assert.Single(report.Reasons).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_aarch64_image_does_not_fit_an_x86_platform()
    {
        var image = Samples.Image() with
        {
            Hardware = Samples.Template(CpuArchitecture.Aarch64),
            Software = Samples.Linux() with { Architecture = CpuArchitecture.Aarch64 },
        };

        Assert.True(CompatibilityRules.Check(image, Samples.Kvm()).Has(CompatibilityIssue.Architecture));
    }

    [Fact]
    public void A_uefi_image_does_not_fit_a_bios_only_platform()
    {
        var biosOnly = Samples.Kvm() with { Capabilities = Samples.Kvm().Capabilities with { Firmware = [FirmwareType.Bios] } };

        Assert.True(CompatibilityRules.Check(Samples.Image(), biosOnly).Has(CompatibilityIssue.Firmware));
    }

    [Fact]
    public void A_minimum_beyond_the_platforms_maximum_is_a_reason_and_a_default_beyond_it_a_note()
    {
        var tooSmall = CompatibilityRules.Check(Samples.Image(), Samples.Kvm(maxVcpus: 1));
        Assert.True(tooSmall.Has(CompatibilityIssue.Processor));

        var capped = CompatibilityRules.Check(Samples.Image(), Samples.Kvm(maxVcpus: 8));
        Assert.True(capped.Compatible);
        Assert.Contains(capped.Notes, n => n.Contains("at most 8 vCPU", StringComparison.Ordinal));
    }

    [Fact]
    public void Memory_limits_compare_across_units()
    {
        var small = Samples.Kvm() with { Capabilities = Samples.Kvm().Capabilities with { MaxMemory = new Quantity(2048, ResourceUnit.MiB) } };

        var report = CompatibilityRules.Check(Samples.Image(), small);

        Assert.True(report.Has(CompatibilityIssue.Memory));
        Assert.Contains("4 GiB", report.Reasons.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_mismatch_is_reported_not_only_the_first()
    {
        var image = Samples.Image(Samples.Artifact(DiskFormat.Wim, CaptureSource.Physical, PlatformTechnology.Pxe)) with
        {
            Hardware = Samples.Template(CpuArchitecture.Aarch64),
        };
        var biosOnly = Samples.Kvm(maxVcpus: 1) with { Capabilities = Samples.Kvm(maxVcpus: 1).Capabilities with { Firmware = [FirmwareType.Bios] } };

        var issues = CompatibilityRules.Check(image, biosOnly).Reasons.Select(r => r.Issue).ToHashSet();

        Assert.Equal([CompatibilityIssue.Architecture, CompatibilityIssue.Firmware, CompatibilityIssue.Processor, CompatibilityIssue.DiskFormat], issues);
    }
}
