using System.Text;
using System.Xml.Linq;
using Portal.Domain.Library;
using Portal.Domain.Library.Ovf;

namespace Portal.Domain.Tests.Ovf;

public sealed class OvfExporterTests
{
    private static readonly XNamespace Ovf = OvfNamespaces.Envelope1;
    private static readonly XNamespace Rasd = OvfNamespaces.Rasd;

    private static readonly Provenance Captured = new(CaptureSource.Physical, PlatformTechnology.Pxe, "r750-07", OvfSamples.CapturedAt);

    private static readonly Guid OriginalId = Guid.Parse("0e6e3c1f-4ad4-4c55-b2a1-7c1a1e6f0b01");

    /// <summary>An image that uses every part of the metamodel OVF can carry, and some it cannot.</summary>
    private static MasterImage RichImage() => new()
    {
        Id = Guid.Parse("e3c0a8a4-9c3f-4b6f-8a53-3c5c6d7e8f90"),
        Name = "Ubuntu 22.04 web server",
        Description = "Nginx on Ubuntu, hardened & patched <2026-02>",
        Version = "2026.2.1",
        Owner = "platform-team",
        Lifecycle = ImageLifecycle.Published,
        Tags = ["linux", "web"],
        Hardware = new HardwareTemplate
        {
            Architecture = CpuArchitecture.X86_64,
            Firmware = FirmwareType.Uefi,
            Requirements =
            [
                new ResourceRequirement { Type = ResourceType.Processor, Quantity = 4, Minimum = 2, Maximum = 16, Step = 2 },
                new ResourceRequirement { Type = ResourceType.Memory, Quantity = 8, Unit = ResourceUnit.GiB, Minimum = 4, Maximum = 64, Step = 4 },
                new ResourceRequirement { Type = ResourceType.Disk, Quantity = 80, Unit = ResourceUnit.GiB, Minimum = 40, Bus = DiskBus.Scsi },
                new ResourceRequirement { Type = ResourceType.Disk, Quantity = 512, Unit = ResourceUnit.MiB, Bus = DiskBus.Sata },
                new ResourceRequirement { Type = ResourceType.Disk, Quantity = 1.5m, Unit = ResourceUnit.TiB },
                new ResourceRequirement { Type = ResourceType.NetworkAdapter, Quantity = 1, Network = "frontend" },
                new ResourceRequirement { Type = ResourceType.NetworkAdapter, Quantity = 2 },
                new ResourceRequirement { Type = ResourceType.Gpu, Quantity = 1, Maximum = 2 },
            ],
        },
        Software = new SoftwareStack
        {
            Family = OsFamily.Linux,
            Distribution = "Ubuntu",
            Version = "22.04",
            Architecture = CpuArchitecture.X86_64,
            Components = [new SoftwareComponent("nginx", "1.24"), new SoftwareComponent("node_exporter")],
            Parameters =
            [
                new ConfigurationParameter { Name = "hostname", Type = ParameterType.Hostname, Required = true, Label = "Host name", Description = "Short host name" },
                new ConfigurationParameter { Name = "ip", Type = ParameterType.Ip, Label = "IP address" },
                new ConfigurationParameter { Name = "ssh.port", Type = ParameterType.Int, Default = "22" },
                new ConfigurationParameter { Name = "debug", Type = ParameterType.Bool, Default = "false" },
                new ConfigurationParameter { Name = "admin_password", Type = ParameterType.Secret, Required = true, Generate = true },
                new ConfigurationParameter { Name = "site-name", Default = "web", Pattern = "[a-z]+" },
            ],
        },
        Artifacts =
        [
            new ImageArtifact
            {
                Id = OriginalId, Format = DiskFormat.Qcow2, SizeBytes = 3_221_225_472,
                Sha256 = new string('a', 64), Location = new Uri("s3://images/web.qcow2"), Provenance = Captured,
            },
            new ImageArtifact
            {
                Id = Guid.NewGuid(), Format = DiskFormat.Vmdk, SizeBytes = 2_147_483_648, Location = new Uri("s3://images/web.vmdk"),
                Provenance = Captured, ConvertedFrom = OriginalId,
            },
            new ImageArtifact
            {
                Id = Guid.NewGuid(), Format = DiskFormat.Wim, SizeBytes = 1_000_000, Location = new Uri("s3://images/web.wim"),
                Provenance = Captured, ConvertedFrom = OriginalId,
            },
        ],
    };

    private static MasterImage RoundTrip(MasterImage image)
    {
        var xml = OvfExporter.Export(image);
        var result = OvfImporter.Import(new MemoryStream(Encoding.UTF8.GetBytes(xml)), OvfSamples.Options());
        Assert.True(result.IsValid, OvfSamples.Errors(result) + Environment.NewLine + xml);
        return result.Value;
    }

    [Fact]
    public void Export_then_import_gives_back_the_same_image_field_by_field()
    {
        var original = RichImage();

        var copy = RoundTrip(original);

        Assert.Equal(original.Name, copy.Name);
        Assert.Equal(original.Description, copy.Description);
        Assert.Equal(original.Version, copy.Version);
        Assert.Equal(original.Tags, copy.Tags);
        Assert.Equal(original.Hardware.Firmware, copy.Hardware.Firmware);
        Assert.Equal(original.Hardware.Architecture, copy.Hardware.Architecture);
        Assert.Equal(original.Hardware.Requirements.Count, copy.Hardware.Requirements.Count);
        foreach (var (expected, actual) in original.Hardware.Requirements.Zip(copy.Hardware.Requirements))
        {
            Assert.Equal(
                (expected.Type, expected.Amount.Normalized, expected.Unit, expected.Minimum, expected.Maximum, expected.Step, expected.Bus, expected.Network),
                (actual.Type, actual.Amount.Normalized, actual.Unit, actual.Minimum, actual.Maximum, actual.Step, actual.Bus, actual.Network));
        }

        Assert.Equal(
            (original.Software.Family, original.Software.Distribution, original.Software.Version, original.Software.Architecture),
            (copy.Software.Family, copy.Software.Distribution, copy.Software.Version, copy.Software.Architecture));
        Assert.Equal(original.Software.Components, copy.Software.Components);
        Assert.Equal(
            original.Software.Parameters.Select(p => (p.Name, p.Type, p.Required, p.Default, p.IsSecret, p.Generate, p.Pattern, p.Label, p.Description)),
            copy.Software.Parameters.Select(p => (p.Name, p.Type, p.Required, p.Default, p.IsSecret, p.Generate, p.Pattern, p.Label, p.Description)));
        Assert.Equal(
            original.Artifacts.Where(a => a.Format != DiskFormat.Wim).Select(a => (a.Format, a.SizeBytes, a.Sha256)).OrderBy(a => a.Format),
            copy.Artifacts.Select(a => (a.Format, a.SizeBytes, a.Sha256)).OrderBy(a => a.Format));
    }

    [Fact]
    public void A_minimal_bios_image_round_trips_too()
    {
        var original = RichImage() with
        {
            Description = "",
            Tags = [],
            Hardware = new HardwareTemplate
            {
                Requirements =
                [
                    new ResourceRequirement { Type = ResourceType.Memory, Quantity = 1536, Unit = ResourceUnit.MiB },
                    new ResourceRequirement { Type = ResourceType.Processor, Quantity = 1 },
                    new ResourceRequirement { Type = ResourceType.Disk, Quantity = 10, Unit = ResourceUnit.GiB, Bus = DiskBus.Nvme },
                ],
            },
            Software = new SoftwareStack { Family = OsFamily.Windows, Distribution = "Windows Server", Version = "2022" },
            Artifacts = [RichImage().Artifacts[0]],
        };

        var copy = RoundTrip(original);

        Assert.Equal(
            (original.Hardware.Summary(), FirmwareType.Bios, DiskBus.Nvme, "Windows Server 2022", DiskFormat.Qcow2),
            (copy.Hardware.Summary(), copy.Hardware.Firmware, copy.Hardware.Primary(ResourceType.Disk)!.Bus, copy.Software.OsLabel, copy.Artifacts[0].Format));
    }

    [Fact]
    public void Export_is_an_ovf_1_envelope()
    {
        var document = XDocument.Parse(OvfExporter.Export(RichImage()));

        Assert.Equal(Ovf + "Envelope", document.Root!.Name);
    }

    [Fact]
    public void A_secret_is_exported_as_a_password_property_with_no_value()
    {
        var document = XDocument.Parse(OvfExporter.Export(RichImage() with
        {
            Software = RichImage().Software with
            {
                Parameters = [new ConfigurationParameter { Name = "admin_password", Type = ParameterType.Secret }],
            },
        }));

        var property = document.Descendants(Ovf + "Property").Single();

        Assert.Equal(("true", (string?)null), ((string?)property.Attribute(Ovf + "password"), (string?)property.Attribute(Ovf + "value")));
    }

    [Fact]
    public void A_label_is_written_before_the_description_and_only_for_a_parameter_that_has_one()
    {
        var document = XDocument.Parse(OvfExporter.Export(RichImage()));
        var properties = document.Descendants(Ovf + "Property").ToDictionary(p => (string)p.Attribute(Ovf + "key")!);

        Assert.Equal(["Label", "Description"], properties["hostname"].Elements().Select(e => e.Name.LocalName));
        Assert.Null(properties["ssh.port"].Element(Ovf + "Label"));
    }

    [Fact]
    public void The_disk_file_is_the_vmdk_artifact_when_the_image_has_one()
    {
        var document = XDocument.Parse(OvfExporter.Export(RichImage()));
        var bootDisk = document.Descendants(Ovf + "Disk").First();
        var file = document.Descendants(Ovf + "File").Single(f => (string?)f.Attribute(Ovf + "id") == (string?)bootDisk.Attribute(Ovf + "fileRef"));

        Assert.Equal(("ubuntu-22.04-web-server-disk1.vmdk", OvfDiskFormats.VmdkStreamOptimized),
            ((string?)file.Attribute(Ovf + "href"), (string?)bootDisk.Attribute(Ovf + "format")));
    }

    [Fact]
    public void Disk_capacity_is_written_in_the_largest_whole_unit_up_to_GiB()
    {
        var document = XDocument.Parse(OvfExporter.Export(RichImage()));

        var capacities = document.Descendants(Ovf + "Disk")
            .Select(d => $"{(string?)d.Attribute(Ovf + "capacity")} {(string?)d.Attribute(Ovf + "capacityAllocationUnits")}");

        Assert.Equal(["80 byte * 2^30", "512 byte * 2^20", "1536 byte * 2^30"], capacities);
    }

    [Fact]
    public void Memory_is_written_in_MiB()
    {
        var document = XDocument.Parse(OvfExporter.Export(RichImage()));
        var memory = document.Descendants(Ovf + "Item").Single(i => i.Element(Rasd + "ResourceType")?.Value == "4");

        Assert.Equal(("byte * 2^20", "8192"), (memory.Element(Rasd + "AllocationUnits")?.Value, memory.Element(Rasd + "VirtualQuantity")?.Value));
    }

    [Fact]
    public void Item_settings_are_in_the_alphabetical_order_the_ovf_1_schema_requires()
    {
        var document = XDocument.Parse(OvfExporter.Export(RichImage()));

        foreach (var item in document.Descendants(Ovf + "Item"))
        {
            var names = item.Elements().Select(e => e.Name.LocalName).ToList();
            Assert.Equal(names.Order(StringComparer.Ordinal), names);
        }
    }

    [Fact]
    public void Uefi_is_written_the_way_vmware_reads_it()
    {
        var document = XDocument.Parse(OvfExporter.Export(RichImage()));
        var config = document.Descendants(OvfNamespaces.VMware + "Config").Single();

        Assert.Equal(("firmware", "efi"), ((string?)config.Attribute(OvfNamespaces.VMware + "key"), (string?)config.Attribute(OvfNamespaces.VMware + "value")));
    }

    [Fact]
    public void The_portal_section_is_optional_for_other_consumers()
    {
        var document = XDocument.Parse(OvfExporter.Export(RichImage()));
        var section = document.Descendants(OvfNamespaces.Portal + "ImageSection").Single();

        Assert.Equal("false", (string?)section.Attribute(Ovf + "required"));
    }

    [Fact]
    public void An_invalid_image_is_not_exported()
    {
        var invalid = RichImage() with { Artifacts = [] };

        Assert.Throws<ArgumentException>(() => OvfExporter.Export(invalid));
    }
}
