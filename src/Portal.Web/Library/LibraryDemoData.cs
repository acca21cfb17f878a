using Portal.Domain.Library;

namespace Portal.Web.Library;

/// <summary>
/// The demo library: platforms of every kind and images of every provenance and format, so a new
/// installation shows P2V, V2V and V2P at once. Ids are fixed so links in notes and tests stay valid.
/// </summary>
public static class LibraryDemoData
{
    private static readonly DateTimeOffset Captured = new(2026, 9, 14, 8, 30, 0, TimeSpan.Zero);

    public static IReadOnlyList<Platform> Platforms { get; } =
    [
        Platform("9a1e0000-0000-4000-8000-000000000001", "Rack pool A (PXE)", PlatformKind.Physical, PlatformTechnology.Pxe,
            [DiskFormat.Raw, DiskFormat.Wim], maxCpu: 128, maxMemoryGiB: 1024, "Dell R750 and HPE DL380 servers network-booted by iPXE."),
        Platform("9a1e0000-0000-4000-8000-000000000002", "Edge servers (Redfish)", PlatformKind.Physical, PlatformTechnology.RedfishVirtualMedia,
            [DiskFormat.Raw], maxCpu: 32, maxMemoryGiB: 256, "Remote sites; the BMC mounts the image writer as virtual media.", firmware: [FirmwareType.Uefi]),
        Platform("9a1e0000-0000-4000-8000-000000000003", "KVM cluster Frankfurt", PlatformKind.Virtual, PlatformTechnology.Kvm,
            [DiskFormat.Qcow2, DiskFormat.Raw], maxCpu: 64, maxMemoryGiB: 512, "libvirt/QEMU hosts.", architectures: [CpuArchitecture.X86_64, CpuArchitecture.Aarch64]),
        Platform("9a1e0000-0000-4000-8000-000000000004", "vSphere cluster Paris", PlatformKind.Virtual, PlatformTechnology.VSphere,
            [DiskFormat.Vmdk], maxCpu: 32, maxMemoryGiB: 256, "VMware vCenter 8."),
        Platform("9a1e0000-0000-4000-8000-000000000005", "Hyper-V cluster Dublin", PlatformKind.Virtual, PlatformTechnology.HyperV,
            [DiskFormat.Vhdx, DiskFormat.Vpc], maxCpu: 48, maxMemoryGiB: 384, "Windows Server 2022 failover cluster."),
        Platform("9a1e0000-0000-4000-8000-000000000006", "Simulated virtual datacenter", PlatformKind.Virtual, PlatformTechnology.Simulated,
            [DiskFormat.Qcow2, DiskFormat.Raw, DiskFormat.Vmdk, DiskFormat.Vhdx], maxCpu: 64, maxMemoryGiB: 512, "The embedded simulator: hypervisor hosts with capacity and delays."),
        Platform("9a1e0000-0000-4000-8000-000000000007", "Simulated bare-metal pool", PlatformKind.Physical, PlatformTechnology.Simulated,
            [DiskFormat.Raw, DiskFormat.Wim], maxCpu: 96, maxMemoryGiB: 768, "The embedded simulator: physical servers behind a boot server."),
    ];

    public static IReadOnlyList<MasterImage> Images(string owner) =>
    [
        Image("1d0c0000-0000-4000-8000-000000000001", "Ubuntu 24.04 LTS server", "2026.09", owner,
            "General-purpose Ubuntu server captured from a physical Dell R750 golden host.",
            Hardware(4, 8, 80), Linux("Ubuntu", "24.04", Standard()), ["linux", "ubuntu", "lts"],
            Artifact("2f000000-0000-4000-8000-000000000001", DiskFormat.Raw, 12, CaptureSource.Physical, PlatformTechnology.Pxe, "r750-golden-01")),
        Image("1d0c0000-0000-4000-8000-000000000002", "RHEL 9 application server", "9.4", owner,
            "Red Hat Enterprise Linux 9 with Java 21, exported from vSphere.",
            Hardware(4, 16, 100), Linux("Red Hat Enterprise Linux", "9.4", [.. Standard(), JavaHeap()]),
            ["linux", "rhel", "java"],
            Artifact("2f000000-0000-4000-8000-000000000002", DiskFormat.Vmdk, 9, CaptureSource.Virtual, PlatformTechnology.VSphere, "vc-paris/rhel9-tpl")),
        Image("1d0c0000-0000-4000-8000-000000000003", "Windows Server 2022 Datacenter", "21H2", owner,
            "Windows Server 2022 with IIS, captured from Hyper-V.",
            Hardware(4, 16, 120, firmware: FirmwareType.Uefi), Windows("2022"), ["windows", "iis"],
            Artifact("2f000000-0000-4000-8000-000000000003", DiskFormat.Vhdx, 22, CaptureSource.Virtual, PlatformTechnology.HyperV, "hv-dub-07/ws2022")),
        Image("1d0c0000-0000-4000-8000-000000000004", "Debian 12 minimal", "12.7", owner,
            "Small Debian 12 base for services and containers hosts, from KVM.",
            Hardware(2, 2, 20), Linux("Debian", "12", Standard()), ["linux", "debian", "minimal"],
            Artifact("2f000000-0000-4000-8000-000000000004", DiskFormat.Qcow2, 2, CaptureSource.Virtual, PlatformTechnology.Kvm, "kvm-fra-02/debian12")),
        Image("1d0c0000-0000-4000-8000-000000000005", "PostgreSQL 16 database server", "16.4", owner,
            "Ubuntu 24.04 with PostgreSQL 16 tuned for bare metal; captured from an HPE DL380.",
            Hardware(16, 64, 500, minCpu: 8, maxCpu: 64, maxMemoryGiB: 512), Linux("Ubuntu", "24.04", [.. Standard(), DatabasePassword()]),
            ["linux", "database", "postgresql"],
            Artifact("2f000000-0000-4000-8000-000000000005", DiskFormat.Raw, 18, CaptureSource.Physical, PlatformTechnology.Pxe, "dl380-db-03"),
            Artifact("2f000000-0000-4000-8000-000000000006", DiskFormat.Qcow2, 7, CaptureSource.Physical, PlatformTechnology.Pxe, "dl380-db-03", "2f000000-0000-4000-8000-000000000005")),
        Image("1d0c0000-0000-4000-8000-000000000006", "Windows Server 2019 (WIM)", "1809", owner,
            "Windows Server 2019 applied by Windows PE on bare metal.",
            Hardware(8, 32, 200, firmware: FirmwareType.Uefi), Windows("2019"), ["windows", "bare-metal"],
            Artifact("2f000000-0000-4000-8000-000000000007", DiskFormat.Wim, 6, CaptureSource.Physical, PlatformTechnology.Pxe, "wds-01")),
        Image("1d0c0000-0000-4000-8000-000000000007", "Ubuntu 24.04 ARM64 edge", "2026.08", owner,
            "Ubuntu for Ampere Altra edge nodes.",
            Hardware(8, 16, 64, CpuArchitecture.Aarch64, FirmwareType.Uefi), Linux("Ubuntu", "24.04", Standard(), CpuArchitecture.Aarch64),
            ["linux", "arm64", "edge"],
            Artifact("2f000000-0000-4000-8000-000000000008", DiskFormat.Qcow2, 3, CaptureSource.Virtual, PlatformTechnology.Kvm, "kvm-arm-01/ubuntu-arm")),
        Image("1d0c0000-0000-4000-8000-000000000008", "Rocky Linux 9 (VirtualBox lab)", "9.3", owner,
            "Rocky Linux 9 developer box exported from VirtualBox.",
            Hardware(2, 4, 40), Linux("Rocky Linux", "9.3", Standard()), ["linux", "rocky", "lab"],
            Artifact("2f000000-0000-4000-8000-000000000009", DiskFormat.Vdi, 4, CaptureSource.Virtual, PlatformTechnology.VirtualBox, "lab-pc-12/rocky9")),
        Image("1d0c0000-0000-4000-8000-000000000009", "CentOS 7 legacy", "7.9", owner,
            "Kept for the last legacy workloads; request a newer image.",
            Hardware(2, 4, 40, firmware: FirmwareType.Bios), Linux("CentOS", "7.9", Standard()), ["linux", "legacy"],
            Artifact("2f000000-0000-4000-8000-00000000000a", DiskFormat.Vmdk, 5, CaptureSource.Virtual, PlatformTechnology.VSphere, "vc-paris/centos7"))
            with { Lifecycle = ImageLifecycle.Deprecated },
    ];

    // Descriptions say only what the portal does: MachineIdentity and the cloud-init and unattend generators are what
    // turn these parameters into a configured server.
    private static List<ConfigurationParameter> Standard() =>
    [
        new()
        {
            Name = "hostname", Label = "Host name", Type = ParameterType.Hostname, Required = true,
            Description = "The server's name on the network, e.g. web-01.",
        },
        IpAddress(),
        new()
        {
            Name = "adminUser", Label = "Administrator user name", Default = "ops", Pattern = "[a-z_][a-z0-9_-]{0,31}",
            Description = "The account created for signing in, with sudo rights: lower-case letters, digits, '_' or '-', not root.",
        },
        new()
        {
            Name = "adminPassword", Label = "Administrator password", Type = ParameterType.Secret, Required = true, Generate = true,
            Description = "The password of the administrator account.",
        },
        new()
        {
            Name = "sshAuthorizedKey", Label = "SSH public key",
            Description = "An OpenSSH public key on one line (ssh-ed25519 AAAA… you@laptop) that may sign in as the administrator.",
        },
    ];

    // Without a prefix length (a parameter these stacks do not define) a fixed address fails at the configure step,
    // so the help text does not promise one.
    private static ConfigurationParameter IpAddress() => new()
    {
        Name = "ipAddress", Label = "IP address", Type = ParameterType.Ip,
        Description = "Leave empty for DHCP. A fixed address cannot be set yet: this image does not ask for the prefix length it needs.",
    };

    private static ConfigurationParameter JavaHeap() => new()
    {
        Name = "javaHeapGiB", Label = "Java heap (GiB)", Type = ParameterType.Int, Default = "8",
        Description = "Heap size for the Java runtime, in GiB; the image's start-up scripts read it from /etc/portal/parameters.env.",
    };

    // Secrets other than the admin password are kept (encrypted) but never written onto the server; the help says so.
    private static ConfigurationParameter DatabasePassword() => new()
    {
        Name = "dbPassword", Label = "Database superuser password", Type = ParameterType.Secret, Required = true,
        Description = "Kept encrypted by the portal and never shown again. The portal does not pass it to the server yet: only the administrator password is set there.",
    };

    private static SoftwareStack Linux(string distribution, string version, List<ConfigurationParameter> parameters, CpuArchitecture architecture = CpuArchitecture.X86_64) => new()
    {
        Family = OsFamily.Linux,
        Distribution = distribution,
        Version = version,
        Architecture = architecture,
        Components = [new("cloud-init", "24.1"), new("node_exporter", "1.8")],
        Parameters = parameters,
    };

    private static SoftwareStack Windows(string version) => new()
    {
        Family = OsFamily.Windows,
        Distribution = "Windows Server",
        Version = version,
        Components = [new("IIS", "10.0"), new("Windows Exporter", "0.25")],
        Parameters =
        [
            new()
            {
                Name = "computerName", Label = "Computer name", Type = ParameterType.Hostname, Required = true, Pattern = "[A-Za-z0-9-]{1,15}",
                Description = "The server's Windows name: at most 15 letters, digits or '-'.",
            },
            IpAddress(),
            new()
            {
                Name = "adminPassword", Label = "Administrator password", Type = ParameterType.Secret, Required = true, Generate = true,
                Description = "The password of the local Administrator account.",
            },
            new()
            {
                // The unattend file sets only the DNS suffix: promising an Active Directory join would be untrue.
                Name = "domain", Label = "DNS domain",
                Description = "The DNS suffix of the server's full name, e.g. corp.example.com; empty for none. The server does not join Active Directory.",
            },
        ],
    };

    private static HardwareTemplate Hardware(
        int cpu, int memoryGiB, int diskGiB, CpuArchitecture architecture = CpuArchitecture.X86_64, FirmwareType firmware = FirmwareType.Bios,
        int? minCpu = null, int? maxCpu = null, int? maxMemoryGiB = null) => new()
    {
        Architecture = architecture,
        Firmware = firmware,
        Requirements =
        [
            new() { Type = ResourceType.Processor, Quantity = cpu, Minimum = minCpu ?? Math.Max(1, cpu / 2), Maximum = maxCpu ?? cpu * 4 },
            new() { Type = ResourceType.Memory, Quantity = memoryGiB, Unit = ResourceUnit.GiB, Minimum = Math.Max(1, memoryGiB / 2), Maximum = maxMemoryGiB ?? memoryGiB * 4 },
            new() { Type = ResourceType.Disk, Quantity = diskGiB, Unit = ResourceUnit.GiB, Minimum = diskGiB, Maximum = diskGiB * 10, Bus = DiskBus.Virtio },
            new() { Type = ResourceType.NetworkAdapter, Quantity = 1, Network = "prod" },
        ],
    };

    private static ImageArtifact Artifact(
        string id, DiskFormat format, int sizeGiB, CaptureSource source, PlatformTechnology technology, string server, string? convertedFrom = null) => new()
    {
        Id = Guid.Parse(id),
        Format = format,
        SizeBytes = sizeGiB * 1024L * 1024 * 1024,
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id))),
        Location = new Uri($"file:///var/lib/portal/images/{id}.{format.ToString().ToLowerInvariant()}"),
        Provenance = new Provenance(source, technology, server, Captured),
        ConvertedFrom = convertedFrom is null ? null : Guid.Parse(convertedFrom),
    };

    private static MasterImage Image(
        string id, string name, string version, string owner, string description, HardwareTemplate hardware, SoftwareStack software,
        string[] tags, params ImageArtifact[] artifacts) => new()
    {
        Id = Guid.Parse(id),
        Name = name,
        Version = version,
        Owner = owner,
        Description = description,
        Lifecycle = ImageLifecycle.Published,
        Tags = tags,
        Hardware = hardware,
        Software = software,
        Artifacts = artifacts,
    };

    private static Platform Platform(
        string id, string name, PlatformKind kind, PlatformTechnology technology, DiskFormat[] formats, int maxCpu, int maxMemoryGiB,
        string description, FirmwareType[]? firmware = null, CpuArchitecture[]? architectures = null) => new()
    {
        Id = Guid.Parse(id),
        Name = name,
        Kind = kind,
        Technology = technology,
        Description = description,
        Capabilities = new()
        {
            DiskFormats = formats,
            Firmware = firmware ?? [FirmwareType.Bios, FirmwareType.Uefi],
            Architectures = architectures ?? [CpuArchitecture.X86_64],
            MaxVcpus = maxCpu,
            MaxMemory = new Quantity(maxMemoryGiB, ResourceUnit.GiB),
        },
    };
}
