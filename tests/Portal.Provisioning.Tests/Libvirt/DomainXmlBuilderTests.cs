using System.Xml.Linq;
using Portal.Domain.Library;
using Portal.Provisioning.Libvirt;

namespace Portal.Provisioning.Tests.Libvirt;

public sealed class DomainXmlBuilderTests
{
    [Fact]
    public void Vcpus_and_memory_come_from_the_processor_and_memory_resources_in_KiB()
    {
        var domain = Build(SampleDomains.Spec("sizes"));

        Assert.Equal("2", domain.Element("vcpu")!.Value);
        Assert.Equal("KiB", domain.Element("memory")!.Attribute("unit")!.Value);
        Assert.Equal((4L * 1024 * 1024).ToString(), domain.Element("memory")!.Value);
        Assert.Equal(domain.Element("memory")!.Value, domain.Element("currentMemory")!.Value);
    }

    [Fact]
    public void Name_uuid_and_domain_type_are_written_as_given()
    {
        var spec = SampleDomains.Spec("named");

        var domain = Build(spec with { DomainType = "kvm" });

        Assert.Equal("kvm", domain.Attribute("type")!.Value);
        Assert.Equal("named", domain.Element("name")!.Value);
        Assert.Equal(spec.Uuid.ToString(), domain.Element("uuid")!.Value);
    }

    [Fact]
    public void An_empty_uuid_is_left_for_libvirt_to_choose()
    {
        var domain = Build(SampleDomains.Spec("no-uuid") with { Uuid = Guid.Empty });

        Assert.Null(domain.Element("uuid"));
    }

    [Fact]
    public void Kvm_domains_pass_the_host_cpu_through_emulated_ones_get_the_maximum_cpu_and_test_domains_none()
    {
        var kvm = Build(SampleDomains.Spec("cpu", domainType: "kvm"));
        var qemu = Build(SampleDomains.Spec("cpu", domainType: "qemu"));
        var test = Build(SampleDomains.Spec("cpu", domainType: "test"));

        Assert.Equal(("host-passthrough", "maximum"), (kvm.Element("cpu")?.Attribute("mode")?.Value, qemu.Element("cpu")?.Attribute("mode")?.Value));
        Assert.Null(test.Element("cpu"));
    }

    [Fact]
    public void A_configured_cpu_mode_wins_but_host_passthrough_is_refused_for_an_emulated_domain()
    {
        var model = Build(SampleDomains.Spec("cpu", domainType: "kvm") with { CpuMode = "host-model" });
        var error = Assert.Throws<ArgumentException>(() => DomainXmlBuilder.Build(SampleDomains.Spec("cpu", domainType: "qemu") with { CpuMode = "host-passthrough" }));

        Assert.Equal("host-model", model.Element("cpu")?.Attribute("mode")?.Value);
        Assert.Contains("maximum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_seed_drive_is_an_empty_read_only_cdrom_after_the_disks_on_a_bus_the_machine_has()
    {
        var q35 = Build(SampleDomains.Spec("seed") with { SeedDrive = true });
        var pc = Build(SampleDomains.Spec("seed", SampleDomains.Hardware(secondBus: DiskBus.Ide)) with { SeedDrive = true });
        var arm = Build(SampleDomains.Spec("seed", SampleDomains.Hardware(FirmwareType.Uefi, CpuArchitecture.Aarch64, DiskBus.Virtio)) with { SeedDrive = true });

        static (string?, string?, bool, bool) Drive(XElement domain) => domain.Element("devices")!.Elements("disk")
            .Where(d => d.Attribute("device")?.Value == "cdrom")
            .Select(d => (d.Element("target")?.Attribute("dev")?.Value, d.Element("target")?.Attribute("bus")?.Value, d.Element("readonly") is not null, d.Element("source") is null))
            .Single();
        Assert.Equal(("sdb", "sata", true, true), Drive(q35));
        Assert.Equal(("hdb", "ide", true, true), Drive(pc));
        Assert.Equal(("sda", "scsi", true, true), Drive(arm));
        Assert.Single(arm.Element("devices")!.Elements("controller"), c => c.Attribute("model")?.Value == "virtio-scsi");
    }

    [Fact]
    public void The_serial_console_is_logged_to_the_file_given_and_stays_a_console()
    {
        var domain = Build(SampleDomains.Spec("console") with { SerialLogPath = "/srv/vms/console.log" });

        var serial = domain.Element("devices")!.Element("serial")!;
        Assert.Equal(("pty", "/srv/vms/console.log", "on"), (serial.Attribute("type")?.Value, serial.Element("log")?.Attribute("file")?.Value, serial.Element("log")?.Attribute("append")?.Value));
        Assert.Equal("serial", domain.Element("devices")!.Element("console")!.Element("target")!.Attribute("type")!.Value);
    }

    [Fact]
    public void Bios_x86_machines_are_q35_without_a_firmware_attribute()
    {
        var os = Build(SampleDomains.Spec("bios")).Element("os")!;

        Assert.Null(os.Attribute("firmware"));
        Assert.Equal("x86_64", os.Element("type")!.Attribute("arch")!.Value);
        Assert.Equal("q35", os.Element("type")!.Attribute("machine")!.Value);
        Assert.Equal("hvm", os.Element("type")!.Value);
    }

    [Fact]
    public void Uefi_asks_libvirt_for_efi_firmware()
    {
        var os = Build(SampleDomains.Spec("uefi", SampleDomains.Hardware(FirmwareType.Uefi))).Element("os")!;

        Assert.Equal("efi", os.Attribute("firmware")?.Value);
    }

    [Fact]
    public void Aarch64_machines_are_virt_machines_without_an_apic()
    {
        var domain = Build(SampleDomains.Spec("arm", SampleDomains.Hardware(FirmwareType.Uefi, CpuArchitecture.Aarch64)));

        Assert.Equal("aarch64", domain.Element("os")!.Element("type")!.Attribute("arch")!.Value);
        Assert.Equal("virt", domain.Element("os")!.Element("type")!.Attribute("machine")!.Value);
        Assert.Null(domain.Element("features")!.Element("apic"));
    }

    [Fact]
    public void Aarch64_with_bios_firmware_is_refused()
    {
        var spec = SampleDomains.Spec("arm-bios", SampleDomains.Hardware(FirmwareType.Bios, CpuArchitecture.Aarch64));

        var error = Assert.Throws<ArgumentException>(() => DomainXmlBuilder.Build(spec));

        Assert.Contains("aarch64 virtual machine boots only with UEFI", error.Message);
    }

    [Fact]
    public void An_ide_disk_moves_x86_to_the_pc_machine_because_q35_has_no_ide()
    {
        var domain = Build(SampleDomains.Spec("ide", SampleDomains.Hardware(secondBus: DiskBus.Ide)));

        Assert.Equal("pc", domain.Element("os")!.Element("type")!.Attribute("machine")!.Value);
        Assert.Equal(["vda", "hda"], Disks(domain).Select(d => d.Element("target")!.Attribute("dev")!.Value));
    }

    [Fact]
    public void Disks_get_driver_type_source_bus_and_device_name_in_order()
    {
        var disks = Disks(Build(SampleDomains.Spec("disks"))).ToList();

        Assert.Equal(["qcow2", "raw"], disks.Select(d => d.Element("driver")!.Attribute("type")!.Value));
        Assert.Equal(["/var/lib/libvirt/images/disks-system.qcow2", "/var/lib/libvirt/images/disks-data.raw"],
            disks.Select(d => d.Element("source")!.Attribute("file")!.Value));
        Assert.Equal(["virtio", "sata"], disks.Select(d => d.Element("target")!.Attribute("bus")!.Value));
        Assert.Equal(["vda", "sda"], disks.Select(d => d.Element("target")!.Attribute("dev")!.Value));
    }

    [Fact]
    public void Only_the_first_disk_is_in_the_boot_order()
    {
        var disks = Disks(Build(SampleDomains.Spec("boot"))).ToList();

        Assert.Equal(["1", null], disks.Select(d => d.Element("boot")?.Attribute("order")?.Value));
    }

    [Theory]
    [InlineData(DiskFormat.Raw, "raw")]
    [InlineData(DiskFormat.Qcow2, "qcow2")]
    [InlineData(DiskFormat.Vmdk, "vmdk")]
    [InlineData(DiskFormat.Vpc, "vpc")]
    [InlineData(DiskFormat.Vdi, "vdi")]
    public void Each_format_qemu_runs_maps_to_its_driver_type(DiskFormat format, string driverType)
    {
        Assert.Equal(driverType, DomainXmlBuilder.DriverType(format));
    }

    [Theory]
    [InlineData(DiskFormat.Wim, "WIM image is a set of files")]
    [InlineData(DiskFormat.Vhdx, "convert it first")]
    public void Formats_libvirt_cannot_attach_are_refused_with_the_way_out(DiskFormat format, string expected)
    {
        var spec = SampleDomains.Spec("refused");
        spec = spec with { Disks = [spec.Disks[0] with { Format = format }, spec.Disks[1]] };

        var error = Assert.Throws<ArgumentException>(() => DomainXmlBuilder.Build(spec));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Scsi_disks_share_sd_names_with_sata_and_get_a_virtio_scsi_controller()
    {
        var hardware = SampleDomains.Hardware(secondBus: DiskBus.Scsi);
        hardware = hardware with
        {
            Resources = [.. hardware.Resources, new ConcreteResource(ResourceType.Disk, new Quantity(1, ResourceUnit.GiB), DiskBus.Sata)],
        };
        var spec = SampleDomains.Spec("scsi", hardware);
        spec = spec with { Disks = [.. spec.Disks, new LibvirtDisk { Path = "/images/third.raw", Format = DiskFormat.Raw }] };

        var domain = Build(spec);

        Assert.Equal(["vda", "sda", "sdb"], Disks(domain).Select(d => d.Element("target")!.Attribute("dev")!.Value));
        Assert.Equal("virtio-scsi", domain.Element("devices")!.Elements("controller").Single(c => c.Attribute("type")!.Value == "scsi").Attribute("model")!.Value);
    }

    [Fact]
    public void Nvme_disks_are_refused_because_libvirt_has_no_nvme_disk_bus()
    {
        var spec = SampleDomains.Spec("nvme", SampleDomains.Hardware(secondBus: DiskBus.Nvme));

        var error = Assert.Throws<ArgumentException>(() => DomainXmlBuilder.Build(spec));

        Assert.Contains("NVMe", error.Message);
    }

    [Fact]
    public void Disk_resources_without_a_bus_go_on_virtio()
    {
        var hardware = SampleDomains.Hardware();
        hardware = hardware with { Resources = [.. hardware.Resources.Select(r => r.Type == ResourceType.Disk ? r with { Bus = null } : r)] };

        var domain = Build(SampleDomains.Spec("no-bus", hardware));

        Assert.Equal(["vda", "vdb"], Disks(domain).Select(d => d.Element("target")!.Attribute("dev")!.Value));
    }

    [Theory]
    [InlineData(0, "vda")]
    [InlineData(25, "vdz")]
    [InlineData(26, "vdaa")]
    [InlineData(701, "vdzz")]
    [InlineData(702, "vdaaa")]
    public void Device_names_count_like_libvirt_does(int index, string name)
    {
        Assert.Equal(name, DomainXmlBuilder.DeviceName("vd", index));
    }

    [Fact]
    public void A_disk_resource_without_an_image_is_refused()
    {
        var spec = SampleDomains.Spec("missing-image");
        spec = spec with { Disks = [spec.Disks[0]] };

        var error = Assert.Throws<ArgumentException>(() => DomainXmlBuilder.Build(spec));

        Assert.Contains("2 disk(s) but 1 image(s)", error.Message);
    }

    [Fact]
    public void An_image_path_that_is_not_absolute_is_refused()
    {
        var spec = SampleDomains.Spec("relative");
        spec = spec with { Disks = [spec.Disks[0] with { Path = "images/a.qcow2" }, spec.Disks[1]] };

        var error = Assert.Throws<ArgumentException>(() => DomainXmlBuilder.Build(spec));

        Assert.Contains("absolute path", error.Message);
    }

    [Fact]
    public void Each_adapter_becomes_one_virtio_interface_per_unit_on_its_network()
    {
        var interfaces = Interfaces(Build(SampleDomains.Spec("nics"))).ToList();

        Assert.Equal(["default", "lan", "lan"], interfaces.Select(i => i.Element("source")!.Attribute("network")!.Value));
        Assert.All(interfaces, i => Assert.Equal("network", i.Attribute("type")!.Value));
        Assert.All(interfaces, i => Assert.Equal("virtio", i.Element("model")!.Attribute("type")!.Value));
        Assert.All(interfaces, i => Assert.Null(i.Element("mac")));
    }

    [Fact]
    public void An_interface_on_a_network_the_host_does_not_have_active_gets_user_mode_networking_with_its_mac()
    {
        var spec = SampleDomains.Spec("user-net") with
        {
            MacAddresses = ["52:54:00:00:00:01", "52:54:00:00:00:02", "52:54:00:00:00:03"],
            ActiveNetworks = new HashSet<string> { "lan" },
        };

        var interfaces = Interfaces(Build(spec)).ToList();

        Assert.Equal(["user", "network", "network"], interfaces.Select(i => i.Attribute("type")!.Value));
        Assert.Null(interfaces[0].Element("source"));
        Assert.Equal("52:54:00:00:00:01", interfaces[0].Element("mac")?.Attribute("address")?.Value);
    }

    [Fact]
    public void An_adapter_without_a_network_joins_the_default_network()
    {
        var hardware = SampleDomains.Hardware();
        hardware = hardware with { Resources = [.. hardware.Resources.Select(r => r.Type == ResourceType.NetworkAdapter ? r with { Network = null } : r)] };

        var interfaces = Interfaces(Build(SampleDomains.Spec("no-network", hardware)));

        Assert.All(interfaces, i => Assert.Equal("default", i.Element("source")!.Attribute("network")!.Value));
    }

    [Fact]
    public void Mac_addresses_are_written_one_per_interface_in_order()
    {
        var spec = SampleDomains.Spec("macs") with { MacAddresses = ["52:54:00:00:00:01", "52:54:00:00:00:02", "52:54:00:AA:00:03"] };

        var interfaces = Interfaces(Build(spec));

        Assert.Equal(["52:54:00:00:00:01", "52:54:00:00:00:02", "52:54:00:aa:00:03"],
            interfaces.Select(i => i.Element("mac")!.Attribute("address")!.Value));
    }

    [Fact]
    public void A_mac_address_count_that_differs_from_the_interface_count_is_refused()
    {
        var spec = SampleDomains.Spec("macs") with { MacAddresses = ["52:54:00:00:00:01"] };

        var error = Assert.Throws<ArgumentException>(() => DomainXmlBuilder.Build(spec));

        Assert.Contains("3 network interface(s) but 1 MAC address(es)", error.Message);
    }

    [Theory]
    [InlineData("52:54:00:00:01", "not a MAC address")]
    [InlineData("01:00:5e:00:00:01", "multicast")]
    public void Malformed_or_multicast_mac_addresses_are_refused(string mac, string expected)
    {
        var spec = SampleDomains.Spec("bad-mac") with { MacAddresses = [mac, "52:54:00:00:00:02", "52:54:00:00:00:03"] };

        var error = Assert.Throws<ArgumentException>(() => DomainXmlBuilder.Build(spec));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_serial_console_is_attached()
    {
        var devices = Build(SampleDomains.Spec("console")).Element("devices")!;

        Assert.Equal("pty", devices.Element("serial")!.Attribute("type")!.Value);
        Assert.Equal("serial", devices.Element("console")!.Element("target")!.Attribute("type")!.Value);
    }

    [Fact]
    public void A_gpu_is_refused_rather_than_silently_left_out()
    {
        var hardware = SampleDomains.Hardware();
        hardware = hardware with { Resources = [.. hardware.Resources, new ConcreteResource(ResourceType.Gpu, new Quantity(1, ResourceUnit.Count))] };

        var error = Assert.Throws<ArgumentException>(() => DomainXmlBuilder.Build(SampleDomains.Spec("gpu", hardware)));

        Assert.Contains("GPU passthrough", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_metadata_records_the_idempotency_key_and_each_disk_size()
    {
        var document = DomainXmlBuilder.Build(SampleDomains.Spec("meta"), "request-42/deploy");
        var portal = document.Root!.Element("metadata")!.Element(DomainXmlBuilder.MetadataNamespace + "domain")!;

        Assert.Equal("request-42/deploy", portal.Element(DomainXmlBuilder.MetadataNamespace + "idempotency-key")!.Value);
        Assert.Equal(
            [("vda", (20L << 30).ToString()), ("sda", (512L << 20).ToString())],
            portal.Elements(DomainXmlBuilder.MetadataNamespace + "disk").Select(d => (d.Attribute("target")!.Value, d.Attribute("bytes")!.Value)));
    }

    [Fact]
    public void Memory_that_is_not_a_whole_number_of_KiB_is_refused()
    {
        var hardware = SampleDomains.Hardware();
        hardware = hardware with { Resources = [.. hardware.Resources.Select(r => r.Type == ResourceType.Memory ? r with { Amount = new Quantity(1000, ResourceUnit.Byte) } : r)] };

        var error = Assert.Throws<ArgumentException>(() => DomainXmlBuilder.Build(SampleDomains.Spec("odd-memory", hardware)));

        Assert.Contains("whole KiB", error.Message);
    }

    [Fact]
    public void A_name_with_a_slash_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => DomainXmlBuilder.Build(SampleDomains.Spec("a/b")));

        Assert.Contains("contains '/'", error.Message);
    }

    private static XElement Build(LibvirtDomainSpec spec) => DomainXmlBuilder.Build(spec).Root!;

    private static IEnumerable<XElement> Disks(XElement domain) => domain.Element("devices")!.Elements("disk");

    private static IEnumerable<XElement> Interfaces(XElement domain) => domain.Element("devices")!.Elements("interface");
}
