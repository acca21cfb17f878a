using System.Reflection;
using System.Text.RegularExpressions;
using Portal.Domain.Inventory;
using Portal.Domain.Library;

namespace Portal.Domain.Tests.Library;

public sealed partial class DisplayNamesTests
{
    /// <summary>Names that are one word although their identifier has two: brands written as one.</summary>
    private static readonly HashSet<string> OneWordBrands = ["VirtualBox"];

    /// <summary>Every value of every enum <see cref="DisplayNames"/> names, found through its <c>Of</c> overloads.</summary>
    public static TheoryData<string, string> EveryValue()
    {
        var data = new TheoryData<string, string>();
        foreach (var of in NameMethods())
        {
            var type = of.GetParameters()[0].ParameterType;
            foreach (var value in Enum.GetValues(type))
            {
                data.Add($"{type.Name}.{value}", (string)of.Invoke(null, [value])!);
            }
        }

        return data;
    }

    [Fact]
    public void The_enums_people_read_all_have_names_here()
    {
        var named = NameMethods().Select(m => m.GetParameters()[0].ParameterType).ToHashSet();

        Type[] expected =
        [
            typeof(PlatformTechnology), typeof(PlatformKind), typeof(CpuArchitecture), typeof(FirmwareType), typeof(DiskFormat),
            typeof(DiskBus), typeof(ResourceType), typeof(OsFamily), typeof(CaptureSource), typeof(ParameterType),
            typeof(ImageLifecycle), typeof(ServerState),
        ];
        Assert.Empty(expected.Where(t => !named.Contains(t)).Select(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(EveryValue))]
    public void Every_value_has_a_name_without_an_underscore(string identifier, string name)
    {
        Assert.False(string.IsNullOrWhiteSpace(name), $"{identifier} has no display name.");
        Assert.DoesNotContain("_", name, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryValue))]
    public void A_value_named_with_several_words_reads_as_several_words(string identifier, string name)
    {
        var words = IdentifierWords().Split(identifier.Split('.')[1]).Where(w => w.Length > 0).ToList();
        if (words.Count < 2)
        {
            return;
        }

        Assert.True(name.Contains(' ', StringComparison.Ordinal) || name.Contains('-', StringComparison.Ordinal) || OneWordBrands.Contains(name),
            $"{identifier} is {words.Count} words ({string.Join(", ", words)}) but its name \"{name}\" reads as one.");
    }

    [Theory]
    [InlineData(CpuArchitecture.X86_64, "x86-64")]
    [InlineData(CpuArchitecture.Aarch64, "ARM64")]
    public void An_architecture_is_named_as_vendors_write_it(CpuArchitecture architecture, string name) =>
        Assert.Equal(name, DisplayNames.Of(architecture));

    [Theory]
    [InlineData(FirmwareType.Bios, "BIOS")]
    [InlineData(FirmwareType.Uefi, "UEFI")]
    public void Firmware_is_named_in_capitals(FirmwareType firmware, string name) =>
        Assert.Equal(name, DisplayNames.Of(firmware));

    [Theory]
    [InlineData(DiskFormat.Raw, "raw")]
    [InlineData(DiskFormat.Qcow2, "qcow2")]
    [InlineData(DiskFormat.Vmdk, "VMDK")]
    [InlineData(DiskFormat.Vhdx, "VHDX")]
    [InlineData(DiskFormat.Vpc, "VHD")]
    [InlineData(DiskFormat.Vdi, "VDI")]
    [InlineData(DiskFormat.Wim, "WIM")]
    public void A_disk_format_is_named_as_its_tools_name_it(DiskFormat format, string name) =>
        Assert.Equal(name, DisplayNames.Of(format));

    [Theory]
    [InlineData(PlatformTechnology.Pxe, "PXE")]
    [InlineData(PlatformTechnology.RedfishVirtualMedia, "Redfish virtual media")]
    [InlineData(PlatformTechnology.Kvm, "KVM")]
    [InlineData(PlatformTechnology.VSphere, "vSphere")]
    [InlineData(PlatformTechnology.HyperV, "Hyper-V")]
    public void A_technology_is_named_as_its_maker_writes_it(PlatformTechnology technology, string name) =>
        Assert.Equal(name, DisplayNames.Of(technology));

    [Theory]
    [InlineData(ResourceType.NetworkAdapter, "network adapter")]
    [InlineData(ResourceType.Gpu, "GPU")]
    [InlineData(ResourceType.Processor, "processor")]
    public void Inside_a_sentence_a_common_noun_is_lower_case_and_an_acronym_is_not(ResourceType type, string name) =>
        Assert.Equal(name, DisplayNames.InSentence(type));

    [Fact]
    public void A_compatibility_reason_names_architecture_and_firmware_for_people()
    {
        var image = Samples.Image() with { Hardware = Samples.Template(CpuArchitecture.X86_64, FirmwareType.Bios) };
        var edge = Samples.Pxe() with
        {
            Name = "Edge servers",
            Capabilities = new() { DiskFormats = [DiskFormat.Raw], Architectures = [CpuArchitecture.Aarch64], Firmware = [FirmwareType.Uefi] },
        };

        var messages = CompatibilityRules.Check(image, edge).Reasons.Select(r => r.Message).ToList();

        Assert.Contains("The image is built for x86-64; Edge servers runs ARM64.", messages);
        Assert.Contains("The image boots with BIOS; Edge servers offers UEFI.", messages);
    }

    [Fact]
    public void A_plan_step_names_firmware_and_formats_for_people()
    {
        var image = Samples.Image(Samples.Artifact(DiskFormat.Vmdk, CaptureSource.Virtual, PlatformTechnology.VSphere))
            with { Hardware = Samples.Template(firmware: FirmwareType.Bios) };
        var request = new DeploymentRequest { Parameters = new Dictionary<string, string?> { ["hostname"] = "web01", ["adminPassword"] = "S3cret!pass" } };

        var steps = DeploymentPlanner.Plan(image, Samples.Kvm(), request).Value.Steps.Select(s => s.Description).ToList();

        Assert.Contains(steps, s => s.StartsWith("Create a BIOS virtual machine on KVM cluster A", StringComparison.Ordinal));
        Assert.Contains("Write the qcow2 image to the virtual machine's disk", steps);
    }

    [Fact]
    public void A_provenance_names_the_technology_it_came_through()
    {
        var provenance = new Provenance(CaptureSource.Virtual, PlatformTechnology.Kvm, "kvm-01", Samples.CaptureTime);

        Assert.Equal("captured from a virtual machine via KVM (kvm-01)", provenance.Describe());
    }

    [Fact]
    public void A_conversion_reads_with_format_names()
    {
        Assert.Equal("VMDK → qcow2", new ArtifactConversion(Guid.NewGuid(), DiskFormat.Vmdk, DiskFormat.Qcow2).ToString());
    }

    private static IEnumerable<MethodInfo> NameMethods() =>
        typeof(DisplayNames).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == nameof(DisplayNames.Of) && m.GetParameters() is [{ ParameterType.IsEnum: true }]);

    /// <summary>Splits PascalCase and snake_case identifiers into words: "RedfishVirtualMedia", "X86_64".</summary>
    [GeneratedRegex("_|(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex IdentifierWords();
}
