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
        var info = await QemuImgFixture.Create().InfoAsync(captured.Location.LocalPath, DiskFormat.Qcow2, Token);
        Assert.Equal(QemuImgFixture.ImageSize, info.VirtualSizeBytes);
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
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(Path.Combine(seed, "user-data")) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), "only the portal user reads the seed");
        await drivers.DeleteAsync(Machine(name), Token);
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
