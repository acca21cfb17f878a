using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Library;
using Portal.Provisioning.Configuration;
using Portal.Provisioning.Conversion;
using Portal.Provisioning.Drivers;

namespace Portal.Provisioning.Libvirt;

/// <summary>
/// The real drivers for KVM platforms: libvirt defines, starts, stops and undefines the VM on the host named by
/// its connection URI (one open connection per host), qemu-img creates its disks and writes the image onto the
/// system disk, and a capture reads the domain back (its XML → hardware) and copies the system disk.
/// Every keyed step keeps its record in the portal database (<see cref="DriverKeys"/>): a re-delivered create, write,
/// configure, power or capture answers from the record instead of acting again, on any node. Where an attempt died
/// between acting and recording, the next one acts again, and then rests on the act itself being repeatable: the
/// define is by a UUID derived from the key, the disk is written again whole, the seed written again.
/// </summary>
public sealed partial class KvmDrivers(QemuImg qemu, IOptions<KvmOptions> options, DriverKeys keys, ILogger<KvmDrivers> logger)
    : IVirtualMachineDriver, IImageWriter, ISoftwareConfigurator, IPowerDriver, ICaptureDriver, IConsoleLog, IDisposable
{
    private readonly ConcurrentDictionary<string, LibvirtDriver> connections = new(StringComparer.Ordinal);
    private readonly SeedImageWriter seeds = new();

    private string Storage => options.Value.StorageFolder ?? throw new InvalidOperationException($"{KvmOptions.Section}:StorageFolder is not set.");

    public Task<string> CreateAsync(
        string idempotencyKey, MachineRef machine, HardwareConfiguration hardware, DiskFormat diskFormat, CancellationToken cancellationToken) =>
        keys.OnceAsync(DriverNames.Kvm, "CreateVirtualMachine", idempotencyKey, machine.Name,
            new { Host = machine.Host?.Name, Connection = machine.Host?.Connection, Hardware = hardware.Summary(), DiskFormat = diskFormat },
            async (_, token) =>
            {
                var folder = MachineFolder(machine);
                var disks = hardware.OfType(ResourceType.Disk).Select((disk, i) => new LibvirtDisk
                {
                    Path = Path.Combine(folder, $"disk{i}.{(i == 0 ? diskFormat : DiskFormat.Qcow2).ToString().ToLowerInvariant()}"),
                    Format = i == 0 ? diskFormat : DiskFormat.Qcow2,
                }).ToList();
                foreach (var (disk, resource) in disks.Zip(hardware.OfType(ResourceType.Disk)))
                {
                    await Run(() => qemu.CreateAsync(disk.Path, disk.Format, (long)resource.Amount.Normalized, token));
                }

                var libvirt = Connection(machine);
                var host = await Run(() => libvirt.ReadHostAsync(token));
                var spec = new LibvirtDomainSpec
                {
                    Name = machine.Name, Hardware = hardware, Disks = disks,
                    DomainType = options.Value.DomainType == "auto" ? host.DomainType : options.Value.DomainType,
                    CpuMode = string.IsNullOrWhiteSpace(options.Value.CpuMode) ? null : options.Value.CpuMode,
                    MacAddresses = MacAddresses.For(idempotencyKey, hardware),
                    ActiveNetworks = host.ActiveNetworks,
                    SerialLogPath = ConsoleLog(machine),
                    SeedDrive = true,
                };
                await Run(() => libvirt.DefineAsync(idempotencyKey, spec, token));
                LogDefined(machine.Name, machine.Host?.Name);
                var system = disks.Count > 0 ? disks[0].Path : throw new DriverException($"{machine.Name} has no disk to write the image to.");
                return (system, $"defined {machine.Name} on {machine.Host?.Name} ({hardware.Summary()})");
            }, cancellationToken);

    public async Task DeleteAsync(MachineRef machine, CancellationToken cancellationToken)
    {
        var libvirt = Connection(machine);
        if (await Run(() => libvirt.FindAsync(machine.Name, cancellationToken)) is { State: not LibvirtDomainState.ShutOff })
        {
            await Run(() => libvirt.DestroyAsync(machine.Name, cancellationToken));
        }

        await Run(() => libvirt.UndefineAsync(machine.Name, cancellationToken));
        var folder = MachineFolder(machine);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public async Task<WriteResult> WriteAsync(string idempotencyKey, MachineRef machine, ImageArtifact artifact, BootRequest? boot, CancellationToken cancellationToken)
    {
        if (machine.DiskLocation is not { } disk || machine.DiskFormat is not { } format)
        {
            throw new DriverException($"{machine} has no system disk yet: create the VM first.");
        }

        if (!artifact.Location.IsFile)
        {
            throw new DriverException($"The artifact {artifact.Id} is at {artifact.Location}; the KVM driver writes files on reach of this node only.");
        }

        // The record says what was written, with the verified copy's size and hash: a re-delivery checks the disk is
        // still that copy instead of copying again. A takeover writes it again whole (the empty disk made at create
        // time, or a half-written one, is replaced).
        var written = await keys.OnceAsync(DriverNames.Kvm, "WriteImage", idempotencyKey, machine.Name,
            new { Artifact = artifact.Id, artifact.Sha256, Disk = disk, Format = format },
            async (_, token) =>
            {
                File.Delete(disk);
                var copy = await Run(() => qemu.ConvertAsync(new ConversionRequest
                {
                    SourcePath = artifact.Location.LocalPath, SourceFormat = artifact.Format, TargetFormat = format, TargetPath = disk,
                }, null, token));
                // The image keeps its own size (a 2 GiB cloud image) unless grown to what the template gives the disk;
                // the guest then grows its partition and filesystem at first boot (cloud-init's growpart).
                var size = SystemDiskBytes(machine) is { } bytes ? await Run(() => qemu.GrowAsync(copy.Path, format, bytes, token)) : copy.VirtualSizeBytes;
                var written = new WrittenDisk(copy.Path, new FileInfo(copy.Path).Length, copy.Sha256);
                return (written, $"wrote artifact {artifact.Id} to {copy.Path} (sha256 {copy.Sha256}), {size} bytes");
            }, cancellationToken);
        if (!File.Exists(written.Path) || new FileInfo(written.Path).Length != written.SizeBytes)
        {
            throw new DriverException($"{machine}: the record says {written.Path} was written ({written.SizeBytes} bytes, sha256 {written.Sha256}), but the disk is gone or changed.");
        }

        return WriteResult.Written(written.Path);
    }

    public Task EraseAsync(MachineRef machine, CancellationToken cancellationToken) => DeleteAsync(machine, cancellationToken);

    /// <summary>
    /// Makes the NoCloud seed (user-data, meta-data, network-config) or the answer file into an ISO with the label
    /// the guest looks for, next to the VM's disks and readable only by the portal's user, and puts it into the VM's
    /// CD-ROM drive. The network configuration matches the VM's first interface by its MAC address, read from the
    /// domain, so it applies whatever the guest names the interface.
    /// </summary>
    public async Task ConfigureAsync(string idempotencyKey, MachineRef machine, SoftwareConfiguration software, CancellationToken cancellationToken)
    {
        var generator = ConfigurationGenerator.For(software.Family)
            ?? throw new DriverException($"No configuration generator exists for {software.Family} stacks.");
        var libvirt = Connection(machine);
        var domain = await Run(() => libvirt.FindAsync(machine.Name, cancellationToken))
            ?? throw new DriverException($"{machine} does not exist on its host: create the VM first.");
        var generated = generator.Generate(WithMacAddress(software, DomainXmlReader.ReadMacAddresses(domain.Xml)), machine.Name);
        if (!generated.IsValid)
        {
            throw new DriverException($"The configuration of {machine.Name} cannot be generated: {string.Join("; ", generated.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
        }

        var drive = DomainXmlReader.ReadCdromTargets(domain.Xml).FirstOrDefault()
            ?? throw new DriverException($"{machine} has no CD-ROM drive for its configuration seed (it was defined before the portal gave VMs one): deploy it again.");

        // The record names the files, never their contents (they hold the hashed passwords and the answers).
        await keys.OnceAsync(DriverNames.Kvm, "ConfigureSoftware", idempotencyKey, machine.Name, new { Files = generated.Value.Files.Select(f => f.Name).ToList(), Drive = drive },
            async (_, token) =>
            {
                var folder = MachineFolder(machine);
                var iso = Path.Combine(folder, "seed.iso");
                try
                {
                    await seeds.WriteAsync(generated.Value, Path.Combine(folder, "cidata"), iso, token);
                }
                catch (InvalidOperationException e)
                {
                    throw new DriverException(e.Message, e);
                }

                await Run(() => libvirt.ChangeMediaAsync(machine.Name, drive, iso, token));
                LogConfigured(machine.Name, generated.Value.ToString());
                return (iso, $"configuration seed {iso} in drive {drive}: {generated.Value}");
            }, cancellationToken);
    }

    /// <summary>
    /// The end of what the VM wrote on its serial console (virtlogd keeps it next to the disks), or null if it has
    /// written nothing yet. At most <paramref name="maxBytes"/> from the end, cut at a line start.
    /// </summary>
    public async Task<string?> ReadConsoleAsync(MachineRef machine, int maxBytes, CancellationToken cancellationToken)
    {
        var path = ConsoleLog(machine);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var skipped = Math.Max(0, stream.Length - maxBytes);
        stream.Seek(skipped, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return skipped > 0 && text.IndexOf('\n', StringComparison.Ordinal) is var newline and >= 0 ? text[(newline + 1)..] : text;
    }

    public Task SetPowerAsync(MachineRef machine, PowerAction action, string? idempotencyKey, CancellationToken cancellationToken) =>
        idempotencyKey is null
            ? PowerAsync(machine, action, cancellationToken)
            : keys.OnceAsync(DriverNames.Kvm, "Power", idempotencyKey, machine.Name, new { Action = action }, async (_, token) =>
            {
                await PowerAsync(machine, action, token);
                return (action, $"power {action}");
            }, cancellationToken);

    private async Task PowerAsync(MachineRef machine, PowerAction action, CancellationToken cancellationToken)
    {
        var libvirt = Connection(machine);
        switch (action)
        {
            case PowerAction.On:
                await Run(() => libvirt.StartAsync(machine.Name, cancellationToken));
                break;
            case PowerAction.Off:
                await ShutdownAsync(libvirt, machine.Name, cancellationToken);
                break;
            default:
                await ShutdownAsync(libvirt, machine.Name, cancellationToken);
                await Run(() => libvirt.StartAsync(machine.Name, cancellationToken));
                break;
        }
    }

    public Task<CapturedDisk> CaptureAsync(string idempotencyKey, MachineRef machine, CancellationToken cancellationToken) =>
        keys.OnceAsync(DriverNames.Kvm, "Capture", idempotencyKey, machine.Name, new { Host = machine.Host?.Name }, async (_, token) =>
        {
            var domain = await Run(() => Connection(machine).FindAsync(machine.Name, token))
                ?? throw new DriverException($"{machine} does not exist on its host.");
            var hardware = domain.Hardware ?? DomainXmlReader.ReadHardware(domain.Xml);
            var system = DomainXmlReader.ReadDisks(domain.Xml).FirstOrDefault()
                ?? throw new DriverException($"{machine} has no disk to capture.");
            var id = KeyedGuid.For(idempotencyKey);
            var target = Path.Combine(Storage, "captures", $"{id:D}.qcow2");
            var copy = await Run(() => qemu.ConvertAsync(new ConversionRequest
            {
                SourcePath = system.Path, SourceFormat = system.Format, TargetFormat = DiskFormat.Qcow2, TargetPath = target,
            }, null, token));
            return (new CapturedDisk(hardware, new Uri(copy.Path), DiskFormat.Qcow2, copy.SizeBytes, copy.Sha256), $"captured {machine.Name} to {copy.Path}");
        }, cancellationToken);

    public void Dispose()
    {
        foreach (var connection in connections.Values)
        {
            connection.Dispose();
        }
    }

    private async Task ShutdownAsync(LibvirtDriver libvirt, string name, CancellationToken cancellationToken)
    {
        await Run(() => libvirt.ShutdownAsync(name, cancellationToken));
        var deadline = DateTime.UtcNow + options.Value.ShutdownTimeout;
        while ((await Run(() => libvirt.FindAsync(name, cancellationToken)))?.State == LibvirtDomainState.Running && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        // A guest that ignores the ACPI request is powered off: a capture or decommission must not wait forever.
        await Run(() => libvirt.DestroyAsync(name, cancellationToken));
    }

    private LibvirtDriver Connection(MachineRef machine)
    {
        var uri = machine.Host?.Connection ?? throw new DriverException($"{machine} has no host connection.");
        return connections.GetOrAdd(uri, u => new LibvirtDriver(new LibvirtOptions { Uri = u }));
    }

    private string MachineFolder(MachineRef machine) => Path.Combine(Storage, machine.Host?.Name ?? "host", machine.Name);

    private string ConsoleLog(MachineRef machine) => Path.Combine(MachineFolder(machine), "console.log");

    private static long? SystemDiskBytes(MachineRef machine) =>
        machine.Hardware?.OfType(ResourceType.Disk).FirstOrDefault() is { Amount.IsSize: true } disk ? (long)disk.Amount.Normalized : null;

    /// <summary>The stack's own macAddress wins; otherwise the VM's first interface, so the network config matches it.</summary>
    private static SoftwareConfiguration WithMacAddress(SoftwareConfiguration software, IReadOnlyList<string> macAddresses) =>
        macAddresses.Count == 0 || !string.IsNullOrWhiteSpace(software[MachineParameters.MacAddress]?.Value)
            ? software
            : software with
            {
                Settings = [.. software.Settings.Where(s => !string.Equals(s.Name, MachineParameters.MacAddress, StringComparison.OrdinalIgnoreCase)),
                    new ParameterSetting(MachineParameters.MacAddress, ParameterType.String, macAddresses[0], null)],
            };

    /// <summary>libvirt and qemu-img report in their own exception types; the workflow sees a driver failure with their message.</summary>
    private static async Task<T> Run<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is LibvirtException or QemuImgException or DllNotFoundException or ArgumentException)
        {
            throw new DriverException(e.Message, e);
        }
    }

    private static Task Run(Func<Task> call) => Run(async () =>
    {
        await call();
        return true;
    });

    /// <summary>What a write leaves on the record: the verified copy.</summary>
    private sealed record WrittenDisk(string Path, long SizeBytes, string Sha256);

    [LoggerMessage(Level = LogLevel.Information, Message = "Defined {Machine} on {Host}")]
    private partial void LogDefined(string machine, string? host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration of {Machine} written: {Files}")]
    private partial void LogConfigured(string machine, string files);
}
