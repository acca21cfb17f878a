using Portal.Domain.Library;
using Portal.Provisioning.Libvirt;
using Portal.Testing;

namespace Portal.Provisioning.Tests.Libvirt;

/// <summary>
/// What libvirt itself makes of the built XML: defined, started and dumped by virsh in one process (each virsh
/// process gets a fresh test:///default hypervisor), then read back.
/// </summary>
public sealed class VirshRoundTripTests
{
    [Theory]
    [InlineData(FirmwareType.Bios, DiskBus.Sata)]
    [InlineData(FirmwareType.Uefi, DiskBus.Scsi)]
    [InlineData(FirmwareType.Bios, DiskBus.Ide)]
    public void Virsh_defines_and_starts_the_built_xml_and_its_dump_reads_back_as_the_same_hardware(FirmwareType firmware, DiskBus bus)
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "domain.xml");
        var spec = SampleDomains.Spec("virsh-vm", SampleDomains.Hardware(firmware, secondBus: bus));
        DomainXmlBuilder.Build(spec, "virsh-key").Save(file);

        var result = LibvirtTools.VirshTest($"define {file}; start virsh-vm; dumpxml virsh-vm");

        Assert.True(result.ExitCode == 0, $"virsh did not accept the built XML:\n{result}");
        var dumped = result.Output[result.Output.IndexOf("<domain", StringComparison.Ordinal)..];
        Assert.Equal(spec.Hardware, DomainXmlReader.ReadHardware(dumped));
    }

    [Fact]
    public void Virsh_keeps_the_portal_metadata()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "domain.xml");
        DomainXmlBuilder.Build(SampleDomains.Spec("virsh-meta"), "virsh-meta-key").Save(file);

        var result = LibvirtTools.VirshTest($"define {file}; dumpxml --inactive virsh-meta");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("virsh-meta-key", DomainXmlReader.ReadIdempotencyKey(result.Output[result.Output.IndexOf("<domain", StringComparison.Ordinal)..]));
    }
}
