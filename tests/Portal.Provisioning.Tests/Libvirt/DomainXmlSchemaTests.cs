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
    [InlineData("qemu", FirmwareType.Bios, CpuArchitecture.X86_64, DiskBus.Ide)]
    [InlineData("qemu", FirmwareType.Uefi, CpuArchitecture.Aarch64, DiskBus.Scsi)]
    public void Built_xml_is_valid_against_libvirts_domain_schema(string domainType, FirmwareType firmware, CpuArchitecture architecture, DiskBus bus)
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "domain.xml");
        // Everything a real VM gets: a seed drive, a console log, and one interface on a network the host lacks (user mode).
        var spec = SampleDomains.Spec("schema", SampleDomains.Hardware(firmware, architecture, bus), domainType) with
        {
            MacAddresses = ["52:54:00:00:00:01", "52:54:00:00:00:02", "52:54:00:00:00:03"],
            SeedDrive = true,
            SerialLogPath = "/var/lib/portal/vms/kvm01/schema/console.log",
            ActiveNetworks = new HashSet<string> { "default" },
        };
        DomainXmlBuilder.Build(spec, "schema-key").Save(file);

        var result = LibvirtTools.VirtXmlValidate(file);

        Assert.True(result.ExitCode == 0, $"virt-xml-validate rejected the XML:\n{result}\n{File.ReadAllText(file)}");
    }
}
