using Portal.Domain.Library;
using Portal.Domain.Library.Ovf;

namespace Portal.Domain.Tests.Ovf;

public sealed class OvfImporterTests
{
    private static MasterImage ImportValid(string xml, OvfImportOptions? options = null)
    {
        var result = OvfSamples.Import(xml, options);
        Assert.True(result.IsValid, OvfSamples.Errors(result));
        return result.Value;
    }

    [Fact]
    public void VMware_descriptor_gives_two_vcpus_4_GiB_memory_and_a_16_GiB_scsi_disk()
    {
        var hardware = ImportValid(OvfSamples.VMware()).Hardware;

        Assert.Equal(new Quantity(2, ResourceUnit.Count), hardware.Primary(ResourceType.Processor)!.Amount);
        Assert.Equal(new Quantity(4, ResourceUnit.GiB), hardware.Primary(ResourceType.Memory)!.Amount);
        var disk = hardware.Primary(ResourceType.Disk)!;
        Assert.Equal(new Quantity(16, ResourceUnit.GiB), disk.Amount);
        Assert.Equal(DiskBus.Scsi, disk.Bus);
    }

    [Fact]
    public void Network_adapter_takes_its_network_from_the_Connection_element()
    {
        var adapter = ImportValid(OvfSamples.VMware()).Hardware.Primary(ResourceType.NetworkAdapter);

        Assert.Equal("VM Network", adapter?.Network);
    }

    [Fact]
    public void Graphics_cards_controllers_and_cd_drives_do_not_become_requirements()
    {
        var types = ImportValid(OvfSamples.VMware()).Hardware.Requirements.Select(r => r.Type);

        Assert.Equal([ResourceType.Processor, ResourceType.Memory, ResourceType.Disk, ResourceType.NetworkAdapter], types);
    }

    [Fact]
    public void Name_description_and_version_come_from_the_virtual_system_annotation_and_product()
    {
        var image = ImportValid(OvfSamples.VMware());

        Assert.Equal(("web-01", "Nginx web server on Ubuntu", "2.3"), (image.Name, image.Description, image.Version));
    }

    [Fact]
    public void Imported_image_is_a_draft_with_the_options_identity_and_owner()
    {
        var image = ImportValid(OvfSamples.VMware());

        Assert.Equal((OvfSamples.Options().ImageId, "library-admin", ImageLifecycle.Draft), (image.Id, image.Owner, image.Lifecycle));
    }

    [Fact]
    public void Memory_in_byte_2_pow_20_becomes_MiB()
    {
        var memory = ImportValid(OvfSamples.VMware(memoryUnits: "byte * 2^20", memoryQuantity: "3072")).Hardware.Primary(ResourceType.Memory)!;

        Assert.Equal((3072m, ResourceUnit.MiB), (memory.Quantity, memory.Unit));
    }

    [Theory]
    [InlineData("byte", "4294967296", 4294967296L)]
    [InlineData("bytes", "4294967296", 4294967296L)]
    [InlineData("byte * 2^10", "4194304", 4294967296L)]
    [InlineData("byte * 2^20", "4096", 4294967296L)]
    [InlineData("byte*2^20", "4096", 4294967296L)]
    [InlineData("  Byte  *  2^30 ", "4", 4294967296L)]
    [InlineData("byte * 2^40", "1", 1099511627776L)]
    [InlineData("KiloBytes", "4194304", 4294967296L)]
    [InlineData("KB", "4194304", 4294967296L)]
    [InlineData("MegaBytes", "4096", 4294967296L)]
    [InlineData("MB", "4096", 4294967296L)]
    [InlineData("megabytes", "4096", 4294967296L)]
    [InlineData("GigaBytes", "4", 4294967296L)]
    [InlineData("GB", "4", 4294967296L)]
    [InlineData("TeraBytes", "1", 1099511627776L)]
    public void Every_OVF_allocation_unit_spelling_is_read_as_a_power_of_1024(string units, string quantity, long expectedBytes)
    {
        var memory = ImportValid(OvfSamples.VMware(memoryUnits: units, memoryQuantity: quantity)).Hardware.Primary(ResourceType.Memory)!;

        Assert.Equal(expectedBytes, memory.Amount.Normalized);
    }

    [Theory]
    [InlineData("40", "byte * 2^30", 40, ResourceUnit.GiB)]
    [InlineData("40960", "byte * 2^20", 40960, ResourceUnit.MiB)]
    [InlineData("42949672960", "byte", 40, ResourceUnit.GiB)]
    [InlineData("2", "TeraBytes", 2, ResourceUnit.TiB)]
    public void Disk_capacity_is_read_with_its_capacityAllocationUnits(string capacity, string units, decimal quantity, ResourceUnit unit)
    {
        var disk = ImportValid(OvfSamples.VMware(capacity: capacity, capacityUnits: units)).Hardware.Primary(ResourceType.Disk)!;

        Assert.Equal((quantity, unit), (disk.Quantity, disk.Unit));
    }

    [Fact]
    public void Disk_capacity_without_a_unit_is_in_bytes()
    {
        var disk = ImportValid(OvfSamples.Ovf2()).Hardware.Primary(ResourceType.Disk)!;

        Assert.Equal(new Quantity(40, ResourceUnit.GiB), disk.Amount);
    }

    [Fact]
    public void Ovf2_storage_and_ethernet_port_items_become_an_nvme_disk_and_an_adapter()
    {
        var hardware = ImportValid(OvfSamples.Ovf2()).Hardware;

        Assert.Equal(
            "8 vCPU · 32 GiB · 40 GiB Nvme backend",
            $"{hardware.Summary()} {hardware.Primary(ResourceType.Disk)!.Bus} {hardware.Primary(ResourceType.NetworkAdapter)!.Network}");
    }

    [Fact]
    public void Ovf2_descriptor_reads_name_and_red_hat_version()
    {
        var image = ImportValid(OvfSamples.Ovf2());

        Assert.Equal(("Database server", "Red Hat Enterprise Linux", "9", OsFamily.Linux),
            (image.Name, image.Software.Distribution, image.Software.Version, image.Software.Family));
    }

    [Fact]
    public void Unknown_vendor_sections_are_tolerated_and_ignored()
    {
        var xml = OvfSamples.Ovf2(vendorSection: """
            <acme:TuningSection xmlns:acme="urn:example:acme" ovf:required="false">
              <ovf:Info>Acme tuning</ovf:Info>
              <acme:HugePages enabled="true"/>
            </acme:TuningSection>
            <vmw:BootOrderSection xmlns:vmw="http://www.vmware.com/schema/ovf" vmw:type="disk" ovf:required="false">
              <ovf:Info>Boot order</ovf:Info>
            </vmw:BootOrderSection>
            """);

        Assert.Equal("8 vCPU · 32 GiB · 40 GiB", ImportValid(xml).Hardware.Summary());
    }

    [Fact]
    public void VirtualBox_sata_controller_makes_its_disk_sata()
    {
        var disk = ImportValid(OvfSamples.VirtualBox()).Hardware.Primary(ResourceType.Disk)!;

        Assert.Equal(DiskBus.Sata, disk.Bus);
    }

    [Fact]
    public void VirtualBox_machine_section_is_tolerated_and_megabytes_read_as_MiB()
    {
        var memory = ImportValid(OvfSamples.VirtualBox()).Hardware.Primary(ResourceType.Memory)!;

        Assert.Equal(new Quantity(2, ResourceUnit.GiB), memory.Amount);
    }

    [Fact]
    public void VirtualBox_debian_descriptor_reads_as_debian_linux()
    {
        var software = ImportValid(OvfSamples.VirtualBox()).Software;

        Assert.Equal((OsFamily.Linux, "Debian", CpuArchitecture.X86_64), (software.Family, software.Distribution, software.Architecture));
    }

    [Theory]
    [InlineData("Ubuntu Linux (64-bit)", "ubuntu64Guest", "94", OsFamily.Linux, "Ubuntu", "unknown")]
    [InlineData("Ubuntu 22.04 LTS (64-bit)", "ubuntu64Guest", "94", OsFamily.Linux, "Ubuntu", "22.04")]
    [InlineData("Microsoft Windows Server 2022 (64-bit)", "windows2019srvNext_64Guest", "1", OsFamily.Windows, "Windows Server", "2022")]
    [InlineData("Microsoft Windows Server 2008 R2 (64-bit)", "windows7Server64Guest", "103", OsFamily.Windows, "Windows Server", "2008 R2")]
    [InlineData("Rocky Linux 9 (64-bit)", "rockylinux_64Guest", "101", OsFamily.Linux, "Rocky Linux", "9")]
    [InlineData("", "", "96", OsFamily.Linux, "Debian", "unknown")]
    [InlineData("Acme Appliance OS 3.1", "otherGuest64", "102", OsFamily.Other, "Acme Appliance OS", "3.1")]
    public void Operating_system_is_read_best_effort_from_description_os_type_and_cim_code(
        string description, string osType, string cimId, OsFamily family, string distribution, string version)
    {
        var software = ImportValid(OvfSamples.VMware(osDescription: description, osType: osType, osId: cimId)).Software;

        Assert.Equal((family, distribution, version), (software.Family, software.Distribution, software.Version));
    }

    [Fact]
    public void Arm_os_type_makes_the_image_aarch64()
    {
        var image = ImportValid(OvfSamples.VMware(osDescription: "Ubuntu Linux (64-bit)", osType: "arm-ubuntu64Guest"));

        Assert.Equal((CpuArchitecture.Aarch64, CpuArchitecture.Aarch64), (image.Hardware.Architecture, image.Software.Architecture));
    }

    [Fact]
    public void Vmdk_file_becomes_an_artifact_under_the_base_uri_with_its_declared_size()
    {
        var artifact = Assert.Single(ImportValid(OvfSamples.VMware()).Artifacts);

        Assert.Equal((DiskFormat.Vmdk, 1073741824L, "ova://appliance/web-01-disk1.vmdk"),
            (artifact.Format, artifact.SizeBytes, artifact.Location.ToString()));
    }

    [Fact]
    public void File_without_a_size_takes_the_disk_capacity_and_qcow_format_uri_gives_qcow2()
    {
        var artifact = Assert.Single(ImportValid(OvfSamples.Ovf2()).Artifacts);

        Assert.Equal((DiskFormat.Qcow2, 42949672960L), (artifact.Format, artifact.SizeBytes));
    }

    [Fact]
    public void Vmx_system_type_makes_the_provenance_a_vsphere_virtual_machine()
    {
        var provenance = ImportValid(OvfSamples.VMware()).Artifacts[0].Provenance;

        Assert.Equal((CaptureSource.Virtual, PlatformTechnology.VSphere, OvfSamples.CapturedAt),
            (provenance.CapturedFrom, provenance.SourceTechnology, provenance.CapturedAt));
    }

    [Fact]
    public void VirtualBox_system_type_makes_the_provenance_virtualbox()
    {
        var provenance = ImportValid(OvfSamples.VirtualBox()).Artifacts[0].Provenance;

        Assert.Equal(PlatformTechnology.VirtualBox, provenance.SourceTechnology);
    }

    [Fact]
    public void Without_a_hint_the_provenance_comes_from_the_options()
    {
        var options = OvfSamples.Options() with { CaptureSource = CaptureSource.Physical, Technology = PlatformTechnology.Pxe };

        var provenance = ImportValid(OvfSamples.Ovf2(), options).Artifacts[0].Provenance;

        Assert.Equal((CaptureSource.Physical, PlatformTechnology.Pxe), (provenance.CapturedFrom, provenance.SourceTechnology));
    }

    [Fact]
    public void Firmware_is_bios_unless_a_producer_says_efi()
    {
        Assert.Equal(FirmwareType.Bios, ImportValid(OvfSamples.VMware()).Hardware.Firmware);
    }

    [Fact]
    public void VMware_config_firmware_efi_makes_the_image_uefi()
    {
        var xml = OvfSamples.VMware(extraHardware: """<vmw:Config ovf:required="false" vmw:key="firmware" vmw:value="efi"/>""");

        Assert.Equal(FirmwareType.Uefi, ImportValid(xml).Hardware.Firmware);
    }

    [Fact]
    public void VirtualBox_efi_firmware_makes_the_image_uefi()
    {
        Assert.Equal(FirmwareType.Uefi, ImportValid(OvfSamples.VirtualBox(firmware: "EFI")).Hardware.Firmware);
    }

    [Fact]
    public void Hyper_V_generation_2_subtype_makes_the_image_uefi()
    {
        var xml = OvfSamples.Ovf2().Replace(
            "<vssd:VirtualSystemType>generic</vssd:VirtualSystemType>",
            "<vssd:VirtualSystemSubType>Microsoft:Hyper-V:SubType:2</vssd:VirtualSystemSubType><vssd:VirtualSystemType>Microsoft:Hyper-V:System:Realized</vssd:VirtualSystemType>",
            StringComparison.Ordinal);

        Assert.Equal(FirmwareType.Uefi, ImportValid(xml).Hardware.Firmware);
    }

    [Fact]
    public void Items_for_other_deployment_configurations_are_skipped()
    {
        var xml = OvfSamples.VMware(extraHardware: """
            <Item ovf:configuration="large">
              <rasd:InstanceID>20</rasd:InstanceID>
              <rasd:ResourceType>3</rasd:ResourceType>
              <rasd:VirtualQuantity>16</rasd:VirtualQuantity>
            </Item>
            """).Replace("<VirtualSystem ", """
            <DeploymentOptionSection>
              <Info>Sizes</Info>
              <Configuration ovf:default="true" ovf:id="small"><Label>Small</Label><Description>Small</Description></Configuration>
              <Configuration ovf:id="large"><Label>Large</Label><Description>Large</Description></Configuration>
            </DeploymentOptionSection>
            <VirtualSystem 
            """, StringComparison.Ordinal);

        var processors = ImportValid(xml).Hardware.Requirements.Where(r => r.Type == ResourceType.Processor);

        Assert.Equal(2m, Assert.Single(processors).Quantity);
    }
}
