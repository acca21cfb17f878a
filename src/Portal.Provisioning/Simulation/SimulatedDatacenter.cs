using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Library;
using Portal.Provisioning.Configuration;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Drivers;

namespace Portal.Provisioning.Simulation;

/// <summary>
/// The embedded default infrastructure: every platform's drivers, played by one object. Steps take the
/// configured time and fail on request; results are remembered by idempotency key so a re-delivered step
/// returns the first result (a retried create never makes a second VM). A bare-metal write hands the
/// machine to a simulated image writer, which calls the portal back when it is done, as the real one does.
/// </summary>
public sealed class SimulatedDatacenter(
    IOptions<SimulationOptions> options, TimeProvider clock, IServiceScopeFactory scopes, ILogger<SimulatedDatacenter> logger)
    : IVirtualMachineDriver, IImageConverter, IImageWriter, ISoftwareConfigurator, IPowerDriver, ICaptureDriver, IAddressReporter
{
    private readonly ConcurrentDictionary<string, SimulatedMachine> machines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, object> results = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SimulatedOperation> operations = new();
    private readonly Dictionary<string, int> failuresLeft = new(options.Value.FailSteps, StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();

    public IReadOnlyCollection<SimulatedOperation> Operations => operations;

    public SimulatedMachine? Machine(string name) => machines.GetValueOrDefault(name);

    /// <summary>Adds faults at run time (the admin page and tests): the step fails this many more times.</summary>
    public void FailNext(string step, int times)
    {
        lock (gate)
        {
            failuresLeft[step] = failuresLeft.GetValueOrDefault(step) + times;
        }
    }

    public Task<string> CreateAsync(string idempotencyKey, MachineRef machine, HardwareConfiguration hardware, DiskFormat diskFormat, CancellationToken cancellationToken) =>
        OnceAsync(idempotencyKey, SimulatedStep.CreateVirtualMachine, machine.Name, () =>
        {
            var disk = $"sim://{machine.Host?.Name ?? "host"}/{machine.Name}/disk0.{diskFormat.ToString().ToLowerInvariant()}";
            machines[machine.Name] = new SimulatedMachine(machine.Name, hardware, disk, diskFormat);
            return (disk, $"defined {hardware.Summary()} on {machine.Host?.Name}");
        }, cancellationToken);

    public async Task DeleteAsync(MachineRef machine, CancellationToken cancellationToken)
    {
        await StepAsync(SimulatedStep.DeleteVirtualMachine, machine.Name, null, cancellationToken);
        machines.TryRemove(machine.Name, out _);
        Record(SimulatedStep.DeleteVirtualMachine, machine.Name, null, "undefined");
    }

    public Task<ImageArtifact> ConvertAsync(
        string idempotencyKey, Guid imageId, ImageArtifact source, DiskFormat target, IProgress<double>? progress, CancellationToken cancellationToken) =>
        OnceAsync(idempotencyKey, SimulatedStep.ConvertImage, source.Location.ToString(), () =>
        {
            progress?.Report(1);
            var id = KeyedGuid.For(idempotencyKey);
            var artifact = source with
            {
                Id = id,
                Format = target,
                Location = new Uri($"sim://library/{imageId}/{id}.{target.ToString().ToLowerInvariant()}"),
                Sha256 = Hash($"{source.Sha256}:{target}"),
                ConvertedFrom = source.Id,
            };
            return (artifact, $"{DisplayNames.Of(source.Format)} → {DisplayNames.Of(target)}");
        }, cancellationToken);

    public async Task<WriteResult> WriteAsync(string idempotencyKey, MachineRef machine, ImageArtifact artifact, BootRequest? boot, CancellationToken cancellationToken)
    {
        if (machine.Kind == PlatformKind.Virtual)
        {
            return await OnceAsync(idempotencyKey, SimulatedStep.WriteImage, machine.Name, () =>
            {
                var current = machines.GetValueOrDefault(machine.Name)
                    ?? throw new DriverException($"The VM {machine.Name} does not exist on {machine.Host?.Name}: create it first.");
                machines[machine.Name] = current with { WrittenArtifact = artifact.Id, WrittenSha256 = artifact.Sha256 };
                return (WriteResult.Written(current.DiskLocation), $"wrote {DisplayNames.Of(artifact.Format)} image {artifact.Id}");
            }, cancellationToken);
        }

        if (boot is null)
        {
            throw new DriverException($"Writing {machine} needs a boot request: bare metal boots the image writer from the network.");
        }

        // The machine is handed to the image writer: it reports back later through the callback, like the real one.
        return await OnceAsync(idempotencyKey, SimulatedStep.WriteImage, machine.Name, () =>
        {
            var disk = $"sim://{machine.Name}/disk0.raw";
            machines[machine.Name] = new SimulatedMachine(machine.Name, machine.Hardware, disk, DiskFormat.Raw)
            {
                WrittenArtifact = artifact.Id,
                WrittenSha256 = artifact.Sha256,
            };
            _ = CallBackLaterAsync(boot.DeploymentId, machine.Name, disk);
            return (WriteResult.Callback, $"network-booted the image writer for {DisplayNames.Of(artifact.Format)} image {artifact.Id}");
        }, cancellationToken);
    }

    public async Task EraseAsync(MachineRef machine, CancellationToken cancellationToken)
    {
        await StepAsync(SimulatedStep.EraseDisk, machine.Name, null, cancellationToken);
        machines.TryRemove(machine.Name, out _);
        Record(SimulatedStep.EraseDisk, machine.Name, null, "disks wiped");
    }

    public Task ConfigureAsync(string idempotencyKey, MachineRef machine, SoftwareConfiguration software, CancellationToken cancellationToken) =>
        OnceAsync(idempotencyKey, SimulatedStep.ConfigureSoftware, machine.Name, () =>
        {
            // The real generator runs, so a configuration that would not boot fails here as it would on real hardware.
            var generated = ConfigurationGenerator.For(software.Family)?.Generate(software, machine.Name);
            if (generated is { IsValid: false })
            {
                throw new DriverException($"The configuration of {machine.Name} cannot be generated: {string.Join("; ", generated.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
            }

            if (machines.TryGetValue(machine.Name, out var current))
            {
                machines[machine.Name] = current with { Configured = true };
            }

            // Described with masked values only: the simulation never logs a secret.
            return (true, generated?.Value.ToString() ?? $"{software.OsLabel}: nothing to generate for {software.Family}");
        }, cancellationToken);

    public async Task SetPowerAsync(MachineRef machine, PowerAction action, CancellationToken cancellationToken)
    {
        await StepAsync(SimulatedStep.Power, machine.Name, null, cancellationToken);
        if (machines.TryGetValue(machine.Name, out var current))
        {
            machines[machine.Name] = current with { PoweredOn = action != PowerAction.Off, LastPowerAction = action };
        }

        Record(SimulatedStep.Power, machine.Name, null, $"power {action}");
    }

    /// <summary>The simulation's DHCP: an address from the configured subnet, leased in the database for good.</summary>
    public async Task<string?> AddressOfAsync(Guid serverId, MachineRef machine, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var address = await scope.ServiceProvider.GetRequiredService<IAddressPool>().LeaseAsync(serverId, options.Value.Subnet, cancellationToken);
        Record(SimulatedStep.Power, machine.Name, null, $"DHCP lease {address}");
        return address;
    }

    public Task<CapturedDisk> CaptureAsync(string idempotencyKey, MachineRef machine, CancellationToken cancellationToken) =>
        OnceAsync(idempotencyKey, SimulatedStep.Capture, machine.Name, () =>
        {
            // A physical capture reads the server as it is (all its cores, memory and disks), not what was asked of it:
            // that is what consolidating it onto a VM (P2V) must reproduce.
            var hardware = machine is { Kind: PlatformKind.Physical, Server: { } server }
                ? server.Facts.AsHardware(machine.Hardware?.Firmware ?? FirmwareType.Bios)
                : machine.Hardware ?? machines.GetValueOrDefault(machine.Name)?.Hardware
                ?? throw new DriverException($"The simulated datacenter knows no hardware for {machine}.");
            var format = machine.Kind == PlatformKind.Virtual ? machine.DiskFormat ?? DiskFormat.Qcow2 : DiskFormat.Raw;
            var size = (long)hardware.TotalDisk.Normalized / 4;
            var captured = new CapturedDisk(
                hardware, new Uri($"sim://captures/{machine.Name}/{KeyedGuid.For(idempotencyKey)}.{format.ToString().ToLowerInvariant()}"),
                format, size, Hash(idempotencyKey));
            return (captured, $"captured {hardware.Summary()} as {DisplayNames.Of(format)}");
        }, cancellationToken);

    private async Task<T> OnceAsync<T>(string key, string step, string machine, Func<(T Result, string Detail)> act, CancellationToken cancellationToken)
        where T : notnull
    {
        var resultKey = $"{step}|{key}";
        if (results.TryGetValue(resultKey, out var earlier))
        {
            Record(step, machine, key, "re-delivered: returned the first result");
            return (T)earlier;
        }

        await StepAsync(step, machine, key, cancellationToken);
        var (result, detail) = act();
        results[resultKey] = result;
        Record(step, machine, key, detail);
        return result;
    }

    private async Task StepAsync(string step, string machine, string? key, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(options.Value.StepMilliseconds), clock, cancellationToken);
        if (options.Value.BrokenMachines.Contains(machine, StringComparer.OrdinalIgnoreCase))
        {
            Fail(step, machine, key, $"{machine} does not respond (simulated hardware fault).");
        }

        if (Consume(step))
        {
            Fail(step, machine, key, $"{step} failed on {machine} (simulated fault).");
        }
    }

    private bool Consume(string step)
    {
        lock (gate)
        {
            if (failuresLeft.GetValueOrDefault(step) is > 0 and var left)
            {
                failuresLeft[step] = left - 1;
                return true;
            }

            return false;
        }
    }

    private void Fail(string step, string machine, string? key, string message)
    {
        operations.Enqueue(new SimulatedOperation(step, machine, key, false, message));
        throw new DriverException(message);
    }

    private void Record(string step, string machine, string? key, string detail)
    {
        operations.Enqueue(new SimulatedOperation(step, machine, key, true, detail));
        logger.LogInformation("Simulated {Step} on {Machine}: {Detail}", step, machine, detail);
    }

    private async Task CallBackLaterAsync(Guid deploymentId, string machine, string disk)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(options.Value.StepMilliseconds), clock);
            if (Consume(SimulatedStep.ImageWriterCallback))
            {
                Record(SimulatedStep.ImageWriterCallback, machine, null, "the image writer never called back (simulated fault)");
                return;
            }

            var callback = Consume(SimulatedStep.ImageWriter)
                ? new DeploymentCallback(false, $"the image writer on {machine} found no disk to write to (simulated fault)")
                : new DeploymentCallback(true, $"image written to {machine}", disk);
            await using var scope = scopes.CreateAsyncScope();
            var sink = scope.ServiceProvider.GetRequiredService<IDeploymentCallbackSink>();
            // The writer may call before the workflow has reached its wait: try a few times, as a real writer retries its callback.
            for (var attempt = 0; attempt < 50; attempt++)
            {
                if (await sink.DeliverAsync(deploymentId, callback, CancellationToken.None))
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(20, options.Value.StepMilliseconds)), clock);
            }

            logger.LogWarning("The simulated image writer on {Machine} found no deployment {DeploymentId} waiting for its callback", machine, deploymentId);
        }
        catch (Exception e)
        {
            logger.LogError(e, "The simulated image writer on {Machine} could not call back deployment {DeploymentId}", machine, deploymentId);
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
