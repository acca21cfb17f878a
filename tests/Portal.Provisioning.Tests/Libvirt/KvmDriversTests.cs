using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Libvirt;
using Portal.Provisioning.Tests.Conversion;
using Portal.Provisioning.Tests.Drivers;
using Portal.Testing;

namespace Portal.Provisioning.Tests.Libvirt;

/// <summary>
/// The KVM drivers a deployment uses, for real: libvirt's test:///default hypervisor through libvirt.so.0 and
/// qemu-img on files in a temp folder. Create → write → configure → power → capture → delete, as the workflow runs them.
/// </summary>
public sealed class KvmDriversTests : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly KeyRecords records = new();
    private readonly KvmDrivers drivers;

    public KvmDriversTests()
    {
        drivers = new KvmDrivers(QemuImgFixture.Create(), Options.Create(new KvmOptions
        {
            StorageFolder = folder.Path, DomainType = "test", ShutdownTimeout = TimeSpan.Zero,
        }), records.Keys, NullLogger<KvmDrivers>.Instance);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        drivers.Dispose();
        records.Dispose();
        folder.Dispose();
    }

    private static HardwareConfiguration Hardware() => new(
        [
            new ConcreteResource(ResourceType.Processor, new Quantity(2, ResourceUnit.Count)),
            new ConcreteResource(ResourceType.Memory, new Quantity(2, ResourceUnit.GiB)),
            new ConcreteResource(ResourceType.Disk, new Quantity(16, ResourceUnit.MiB), DiskBus.Virtio),
            new ConcreteResource(ResourceType.Disk, new Quantity(8, ResourceUnit.MiB), DiskBus.Sata),
            new ConcreteResource(ResourceType.NetworkAdapter, new Quantity(1, ResourceUnit.Count), Network: "default"),
        ],
        CpuArchitecture.X86_64, FirmwareType.Bios);

    private static MachineRef Machine(string name, string? disk = null, DiskFormat? format = null) => new(
        PlatformKind.Virtual, PlatformTechnology.Kvm, name,
        new HypervisorHost
        {
            Id = Guid.NewGuid(), Name = "kvm-test", PlatformId = Guid.NewGuid(), Hypervisor = PlatformTechnology.Kvm,
            Connection = "test:///default", Capacity = new HostCapacity(8, 4, 65536, 1000),
        },
        null, Hardware(), disk, format);

    [Fact]
    public async Task A_vm_is_created_written_configured_powered_captured_and_deleted()
    {
        var name = SampleDomains.UniqueName("kvm");
        var artifactPath = Path.Combine(folder.Path, "artifact.raw");
        var original = QemuImgFixture.WriteRawImage(artifactPath);
        var artifact = new ImageArtifact
        {
            Id = Guid.NewGuid(), Format = DiskFormat.Raw, SizeBytes = original.Length, Location = new Uri(artifactPath),
            Provenance = new Provenance(CaptureSource.Virtual, PlatformTechnology.Kvm, "golden", DateTimeOffset.UtcNow),
        };

        var disk = await drivers.CreateAsync($"{name}:create:1", Machine(name), Hardware(), DiskFormat.Qcow2, Token);
        var again = await drivers.CreateAsync($"{name}:create:1", Machine(name), Hardware(), DiskFormat.Qcow2, Token);
        var machine = Machine(name, disk, DiskFormat.Qcow2);
        await drivers.WriteAsync($"{name}:write:1", machine, artifact, null, Token);
        await drivers.ConfigureAsync($"{name}:configure:1", machine, new SoftwareConfiguration(OsFamily.Linux, "Ubuntu 24.04",
            [new ParameterSetting("hostname", ParameterType.Hostname, name, null), new ParameterSetting("adminPassword", ParameterType.Secret, null, new SecretValue("S3cret-pass"))]), Token);
        await drivers.SetPowerAsync(machine, PowerAction.On, $"{name}:power:1", Token);
        var captured = await drivers.CaptureAsync($"{name}:capture:1", machine, Token);
        await drivers.SetPowerAsync(machine, PowerAction.Off, null, Token);
        await drivers.DeleteAsync(machine, Token);

        Assert.Equal(disk, again);
        Assert.Equal(Hardware(), captured.Hardware);
        Assert.Equal(DiskFormat.Qcow2, captured.Format);
        // The image (8 MiB) was grown to what the template gives the system disk (16 MiB), and captured at that size.
        var info = await QemuImgFixture.Create().InfoAsync(captured.Location.LocalPath, DiskFormat.Qcow2, Token);
        Assert.Equal(16L * 1024 * 1024, info.VirtualSizeBytes);
        Assert.False(Directory.Exists(Path.GetDirectoryName(disk)), "deleting the VM removes its disks");
        using var libvirt = new LibvirtDriver(new LibvirtOptions { Uri = "test:///default" });
        Assert.Null(await libvirt.FindAsync(name, Token));
    }

    [Fact]
    public async Task The_cloud_init_seed_is_written_next_to_the_disks_and_holds_the_hash_not_the_password()
    {
        var name = SampleDomains.UniqueName("seed");
        var disk = await drivers.CreateAsync($"{name}:create:1", Machine(name), Hardware(), DiskFormat.Qcow2, Token);

        await drivers.ConfigureAsync($"{name}:configure:1", Machine(name, disk, DiskFormat.Qcow2), new SoftwareConfiguration(OsFamily.Linux, "Debian 12",
            [new ParameterSetting("hostname", ParameterType.Hostname, "db01", null), new ParameterSetting("adminPassword", ParameterType.Secret, null, new SecretValue("S3cret-pass"))]), Token);

        var seed = Path.Combine(Path.GetDirectoryName(disk)!, "cidata");
        Assert.Equal(["meta-data", "network-config", "user-data"], Directory.GetFiles(seed).Select(Path.GetFileName).Order());
        var userData = await File.ReadAllTextAsync(Path.Combine(seed, "user-data"), Token);
        Assert.Contains("db01", userData, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cret-pass", userData, StringComparison.Ordinal);
        var iso = Path.Combine(Path.GetDirectoryName(disk)!, "seed.iso");
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(iso) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), "only the portal user reads the seed");
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(Path.Combine(seed, "user-data")) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), "only the portal user reads the seed");
        await drivers.DeleteAsync(Machine(name), Token);
    }

    [Fact]
    public async Task The_seed_is_an_iso_labelled_cidata_in_the_vms_cdrom_and_its_network_config_matches_the_vms_mac()
    {
        var name = SampleDomains.UniqueName("iso");
        var disk = await drivers.CreateAsync($"{name}:create:1", Machine(name), Hardware(), DiskFormat.Qcow2, Token);

        await drivers.ConfigureAsync($"{name}:configure:1", Machine(name, disk, DiskFormat.Qcow2), new SoftwareConfiguration(OsFamily.Linux, "Debian 12",
            [new ParameterSetting("hostname", ParameterType.Hostname, "web07", null)]), Token);

        using var libvirt = new LibvirtDriver(new LibvirtOptions { Uri = "test:///default" });
        var xml = (await libvirt.FindAsync(name, Token))!.Xml;
        var mac = Assert.Single(DomainXmlReader.ReadMacAddresses(xml));
        var iso = Path.Combine(Path.GetDirectoryName(disk)!, "seed.iso");
        var drive = System.Xml.Linq.XDocument.Parse(xml).Descendants("disk").Single(d => (string?)d.Attribute("device") == "cdrom");
        Assert.Equal(iso, (string?)drive.Element("source")?.Attribute("file"));
        Assert.Equal(MacAddresses.For($"{name}:create:1", Hardware()), [mac]);
        var listing = await IsoListing(iso);
        Assert.Contains("Volume id    : 'cidata'", listing, StringComparison.Ordinal);
        Assert.Contains("network-config", listing, StringComparison.Ordinal);
        var networkConfig = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(disk)!, "cidata", "network-config"), Token);
        Assert.Contains(mac, networkConfig, StringComparison.Ordinal);
        await drivers.DeleteAsync(Machine(name), Token);
    }

    [Fact]
    public async Task The_console_is_read_from_the_log_the_domain_names_its_end_cut_at_a_line_start()
    {
        var name = SampleDomains.UniqueName("console");
        var disk = await drivers.CreateAsync($"{name}:create:1", Machine(name), Hardware(), DiskFormat.Qcow2, Token);
        Assert.Null(await drivers.ReadConsoleAsync(Machine(name), 100, Token));

        using var libvirt = new LibvirtDriver(new LibvirtOptions { Uri = "test:///default" });
        var log = (string?)System.Xml.Linq.XDocument.Parse((await libvirt.FindAsync(name, Token))!.Xml).Descendants("serial").Single().Element("log")?.Attribute("file");
        Assert.Equal(Path.Combine(Path.GetDirectoryName(disk)!, "console.log"), log);
        await File.WriteAllTextAsync(log!, string.Concat(Enumerable.Range(1, 50).Select(i => $"line {i:00}\n")), Token);

        var end = await drivers.ReadConsoleAsync(Machine(name), 30, Token);

        Assert.Equal("line 48\nline 49\nline 50\n", end);
        await drivers.DeleteAsync(Machine(name), Token);
    }

    /// <summary>The volume id and file names of an ISO, as xorriso (the tool that is to write it) reads them.</summary>
    private static async Task<string> IsoListing(string iso)
    {
        var start = new System.Diagnostics.ProcessStartInfo("xorriso") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-indev", iso, "-pvd_info", "-ls", "/" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Token) + await process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        return output;
    }

    [Fact]
    public async Task A_host_libvirt_cannot_reach_fails_with_libvirts_reason()
    {
        var machine = Machine(SampleDomains.UniqueName("gone")) with
        {
            Host = Machine("x").Host! with { Connection = "test:///nonexistent/path/node.xml" },
        };

        var error = await Assert.ThrowsAsync<DriverException>(() => drivers.CreateAsync("k", machine, Hardware(), DiskFormat.Qcow2, Token));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
