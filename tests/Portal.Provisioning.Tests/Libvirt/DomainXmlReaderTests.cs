using Portal.Domain.Library;
using Portal.Provisioning.Libvirt;

namespace Portal.Provisioning.Tests.Libvirt;

public sealed class DomainXmlReaderTests
{
    [Theory]
    [InlineData(FirmwareType.Bios, CpuArchitecture.X86_64, DiskBus.Sata)]
    [InlineData(FirmwareType.Uefi, CpuArchitecture.X86_64, DiskBus.Scsi)]
    [InlineData(FirmwareType.Bios, CpuArchitecture.X86_64, DiskBus.Ide)]
    [InlineData(FirmwareType.Uefi, CpuArchitecture.Aarch64, DiskBus.Virtio)]
    public void Reading_built_xml_gives_back_the_hardware_it_was_built_from(FirmwareType firmware, CpuArchitecture architecture, DiskBus bus)
    {
        var hardware = SampleDomains.Hardware(firmware, architecture, bus);
        var xml = DomainXmlBuilder.Build(SampleDomains.Spec("round-trip", hardware)).ToString();

        var read = DomainXmlReader.ReadHardware(xml);

        Assert.True(hardware.Equals(read), $"Expected {hardware.Summary()} {hardware.Architecture} {hardware.Firmware}, read {read.Summary()} {read.Architecture} {read.Firmware}:\n{xml}");
    }

    [Fact]
    public void Consecutive_interfaces_on_one_network_read_as_one_adapter_resource_with_their_count()
    {
        var xml = DomainXmlBuilder.Build(SampleDomains.Spec("nics")).ToString();

        var adapters = DomainXmlReader.ReadHardware(xml).OfType(ResourceType.NetworkAdapter).ToList();

        Assert.Equal([("default", 1m), ("lan", 2m)], adapters.Select(a => (a.Network, a.Amount.Value)));
    }

    [Fact]
    public void Sizes_read_in_the_largest_whole_unit()
    {
        var hardware = DomainXmlReader.ReadHardware(DomainXmlBuilder.Build(SampleDomains.Spec("units")).ToString());

        Assert.Equal(
            [new Quantity(4, ResourceUnit.GiB), new Quantity(20, ResourceUnit.GiB), new Quantity(512, ResourceUnit.MiB)],
            hardware.Resources.Where(r => r.Amount.IsSize).Select(r => r.Amount));
        Assert.Equal([ResourceUnit.GiB, ResourceUnit.GiB, ResourceUnit.MiB], hardware.Resources.Where(r => r.Amount.IsSize).Select(r => r.Amount.Unit));
    }

    [Fact]
    public void The_template_fixes_each_requirement_at_the_read_amount()
    {
        var xml = DomainXmlBuilder.Build(SampleDomains.Spec("template", SampleDomains.Hardware(FirmwareType.Uefi))).ToString();

        var template = DomainXmlReader.ReadTemplate(xml);
        var instantiated = template.Instantiate();

        Assert.True(instantiated.IsValid, string.Join("; ", instantiated.Errors.Select(e => e.Message)));
        Assert.Equal(DomainXmlReader.ReadHardware(xml), instantiated.Value);
        Assert.All(template.Requirements, r => Assert.False(r.IsAdjustable));
    }

    [Fact]
    public void Disks_read_back_as_their_images_in_device_order()
    {
        var spec = SampleDomains.Spec("images");

        var disks = DomainXmlReader.ReadDisks(DomainXmlBuilder.Build(spec).ToString());

        Assert.Equal(spec.Disks, disks);
    }

    [Fact]
    public void The_idempotency_key_uuid_and_name_read_back()
    {
        var spec = SampleDomains.Spec("identity");
        var xml = DomainXmlBuilder.Build(spec, "key-1").ToString();

        Assert.Equal(("key-1", spec.Uuid, "identity"), (DomainXmlReader.ReadIdempotencyKey(xml), DomainXmlReader.ReadUuid(xml), DomainXmlReader.ReadName(xml)));
    }

    [Fact]
    public void A_disk_without_a_recorded_size_names_the_disk_and_why()
    {
        // The disk as libvirt's test driver's own domain has it: no portal metadata, so no size.
        const string xml = """
            <domain type='test'>
              <name>foreign</name>
              <memory unit='KiB'>1048576</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64'>hvm</type></os>
              <devices>
                <disk type='file' device='disk'>
                  <source file='/guest/diskimage1'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
              </devices>
            </domain>
            """;

        var error = Assert.Throws<InvalidDataException>(() => DomainXmlReader.ReadHardware(xml));

        Assert.Contains("size of disk vda (/guest/diskimage1)", error.Message);
    }

    [Fact]
    public void A_pflash_loader_reads_as_uefi_and_cdroms_are_not_disks()
    {
        // What a domain with a hand-picked OVMF build looks like, with an installer CD still attached.
        const string xml = """
            <domain type='kvm'>
              <name>handmade</name>
              <memory unit='MiB'>2048</memory>
              <vcpu placement='static' current='2'>4</vcpu>
              <os>
                <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
                <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>
                <nvram>/var/lib/libvirt/qemu/nvram/handmade_VARS.fd</nvram>
              </os>
              <devices>
                <disk type='file' device='cdrom'>
                  <source file='/isos/debian.iso'/>
                  <target dev='sda' bus='sata'/>
                </disk>
                <interface type='bridge'>
                  <source bridge='br0'/>
                </interface>
              </devices>
            </domain>
            """;

        var hardware = DomainXmlReader.ReadHardware(xml);

        Assert.Equal(
            new HardwareConfiguration(
                [
                    new ConcreteResource(ResourceType.Processor, new Quantity(2, ResourceUnit.Count)),
                    new ConcreteResource(ResourceType.Memory, new Quantity(2, ResourceUnit.GiB)),
                    new ConcreteResource(ResourceType.NetworkAdapter, new Quantity(1, ResourceUnit.Count), Network: "br0"),
                ],
                CpuArchitecture.X86_64,
                FirmwareType.Uefi),
            hardware);
    }

    [Fact]
    public void An_architecture_the_portal_does_not_know_is_named_in_the_error()
    {
        const string xml = "<domain type='test'><name>old</name><memory>1024</memory><vcpu>1</vcpu><os><type arch='i686'>hvm</type></os></domain>";

        var error = Assert.Throws<InvalidDataException>(() => DomainXmlReader.ReadHardware(xml));

        Assert.Contains("'i686'", error.Message);
    }
}
