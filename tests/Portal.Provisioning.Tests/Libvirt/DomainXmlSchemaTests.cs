using Portal.Domain.Library;
using Portal.Provisioning.Libvirt;
using Portal.Testing;

namespace Portal.Provisioning.Tests.Libvirt;

/// <summary>The built XML against libvirt's own RELAX NG schema, through virt-xml-validate.</summary>
public sealed class DomainXmlSchemaTests
{
    [Theory]
    [InlineData("kvm", FirmwareType.Bios, CpuArchitecture.X86_64, DiskBus.Sata)]
    [InlineData("kvm", FirmwareType.Uefi, CpuArchitecture.X86_64, DiskBus.Scsi)]
    [InlineData("kvm", FirmwareType.Bios, CpuArchitecture.X86_64, DiskBus.Ide)]
    [InlineData("kvm", FirmwareType.Uefi, CpuArchitecture.Aarch64, DiskBus.Virtio)]
    [InlineData("test", FirmwareType.Uefi, CpuArchitecture.X86_64, DiskBus.Sata)]
    public void Built_xml_is_valid_against_libvirts_domain_schema(string domainType, FirmwareType firmware, CpuArchitecture architecture, DiskBus bus)
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "domain.xml");
        var spec = SampleDomains.Spec("schema", SampleDomains.Hardware(firmware, architecture, bus), domainType) with
        {
            MacAddresses = ["52:54:00:00:00:01", "52:54:00:00:00:02", "52:54:00:00:00:03"],
        };
        DomainXmlBuilder.Build(spec, "schema-key").Save(file);

        var result = LibvirtTools.VirtXmlValidate(file);

        Assert.True(result.ExitCode == 0, $"virt-xml-validate rejected the XML:\n{result}\n{File.ReadAllText(file)}");
    }
}
