using System.Globalization;
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
/// The embedded default infrastructure: every platform's drivers, played by one object per node over one state in
/// the portal database (<see cref="ISimulationStore"/>), so several nodes see one datacenter, as they would a real
/// one: a VM created through one node is written and powered on through another, and a restart forgets nothing.
/// <para>
/// A step takes the configured time, then commits its act in one transaction with its key's record and an entry
/// in the operation log. A re-delivered step finds its key's record and returns the first result without acting; of
/// two nodes racing on one key, the first commit wins and the other returns its result — either way the log says
/// "re-delivered". A node killed during a step's time has done nothing: the act is the commit.
/// </para>
/// <para>
/// A bare-metal write boots a simulated image writer: a row (<see cref="SimulatedWriterJob"/>) that any node plays
/// when it is due (<see cref="RunImageWritersAsync"/>), so the writer lives "on the server", survives the node that
/// booted it, and calls the portal back with backoff until the portal answers. Fault injection (<see cref="FailNext"/>,
/// <see cref="SimulationOptions.FailSteps"/>, <see cref="SimulationOptions.BrokenMachines"/>) is per node.
/// </para>
/// </summary>
public sealed partial class SimulatedDatacenter(
    IOptions<SimulationOptions> options, TimeProvider clock, IServiceScopeFactory scopes, ILogger<SimulatedDatacenter> logger, DriverNode? node = null)
    : IVirtualMachineDriver, IImageConverter, IImageWriter, ISoftwareConfigurator, IPowerDriver, ICaptureDriver, IAddressReporter
{
    private const int ConflictAttempts = 10;
    private const int WritersPerRound = 20;

    /// <summary>How long a node holds a writer it plays; a writer held by a node that died is played by another after it.</summary>
    private static readonly TimeSpan WriterClaim = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, int> failuresLeft = new(options.Value.FailSteps, StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();
    private readonly SemaphoreSlim writerBooted = new(0);

    /// <summary>This node's name in the operation log.</summary>
    public string Node { get; } = (node ?? DriverNode.Local).Name;

    /// <summary>The operation log, oldest first: what every node of the datacenter did.</summary>
    public async Task<IReadOnlyList<SimulatedOperation>> OperationsAsync(CancellationToken cancellationToken, string? machine = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await Store(scope).OperationsAsync(machine, cancellationToken);
    }

    /// <summary>The machine as the datacenter has it now, or null when it does not exist.</summary>
    public async Task<SimulatedMachine?> MachineAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await Store(scope).FindMachineAsync(name, cancellationToken);
    }

    /// <summary>Adds faults at run time (tests, a demo): the step fails this many more times on this node.</summary>
    public void FailNext(string step, int times)
    {
        lock (gate)
        {
            failuresLeft[step] = failuresLeft.GetValueOrDefault(step) + times;
        }
    }

    public Task<string> CreateAsync(string idempotencyKey, MachineRef machine, HardwareConfiguration hardware, DiskFormat diskFormat, CancellationToken cancellationToken) =>
        OnceAsync(idempotencyKey, SimulatedStep.CreateVirtualMachine, machine.Name, async store =>
        {
            var disk = $"sim://{machine.Host?.Name ?? "host"}/{machine.Name}/disk0.{diskFormat.ToString().ToLowerInvariant()}";
            var earlier = await store.FindMachineAsync(machine.Name, cancellationToken);
            return new Change<string>(disk, $"defined {hardware.Summary()} on {machine.Host?.Name}")
            {
                Machine = new SimulatedMachine(machine.Name, hardware, disk, diskFormat)
                {
                    Kind = PlatformKind.Virtual, Host = machine.Host?.Name, Revision = earlier?.Revision ?? Guid.Empty,
                },
            };
        }, cancellationToken);

    public Task DeleteAsync(MachineRef machine, CancellationToken cancellationToken) =>
        ActAsync(SimulatedStep.DeleteVirtualMachine, machine.Name, _ => Task.FromResult(new Change<bool>(true, "undefined") { Removed = machine.Name }), cancellationToken);

    public Task<ImageArtifact> ConvertAsync(
        string idempotencyKey, Guid imageId, ImageArtifact source, DiskFormat target, IProgress<double>? progress, CancellationToken cancellationToken) =>
        OnceAsync(idempotencyKey, SimulatedStep.ConvertImage, source.Location.ToString(), _ =>
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
            return Task.FromResult(new Change<ImageArtifact>(artifact, $"{DisplayNames.Of(source.Format)} → {DisplayNames.Of(target)}")
            {
                Artifact = new SimulatedArtifact(id, imageId, source.Id, artifact.Location, target, artifact.Sha256, clock.GetUtcNow()),
            });
        }, cancellationToken);

    public Task<WriteResult> WriteAsync(string idempotencyKey, MachineRef machine, ImageArtifact artifact, BootRequest? boot, CancellationToken cancellationToken)
    {
        if (machine.Kind == PlatformKind.Virtual)
        {
            return OnceAsync(idempotencyKey, SimulatedStep.WriteImage, machine.Name, async store =>
            {
                var current = await store.FindMachineAsync(machine.Name, cancellationToken)
                    ?? throw new DriverException($"The VM {machine.Name} does not exist on {machine.Host?.Name}: create it first.");
                return new Change<WriteResult>(WriteResult.Written(current.DiskLocation), $"wrote {DisplayNames.Of(artifact.Format)} image {artifact.Id}")
                {
                    Machine = current with { WrittenArtifact = artifact.Id, WrittenSha256 = artifact.Sha256 },
                };
            }, cancellationToken);
        }

        if (boot is null)
        {
            throw new DriverException($"Writing {machine} needs a boot request: bare metal boots the image writer from the network.");
        }

        // The machine is handed to an image writer that runs on it (a row any node plays) and reports back through the
        // callback, like the real one. Its faults are chosen now, by the booting node's fault injection.
        SimulatedWriterFault? chosen = null;
        return OnceAsync(idempotencyKey, SimulatedStep.WriteImage, machine.Name, async store =>
        {
            var fault = chosen ??= Consume(SimulatedStep.ImageWriterCallback) ? SimulatedWriterFault.NeverCallsBack
                : Consume(SimulatedStep.ImageWriter) ? SimulatedWriterFault.WriteFails
                : SimulatedWriterFault.None;
            var disk = $"sim://{machine.Name}/disk0.raw";
            var earlier = await store.FindMachineAsync(machine.Name, cancellationToken);
            var now = clock.GetUtcNow();
            return new Change<WriteResult>(WriteResult.Callback, $"network-booted the image writer for {DisplayNames.Of(artifact.Format)} image {artifact.Id}")
            {
                // Until the writer has written, the disk holds nothing of the image.
                Machine = new SimulatedMachine(machine.Name, machine.Hardware, disk, DiskFormat.Raw)
                {
                    Kind = PlatformKind.Physical, Revision = earlier?.Revision ?? Guid.Empty, PoweredOn = true, LastPowerAction = PowerAction.Restart,
                },
                Writer = new SimulatedWriterJob
                {
                    Id = KeyedGuid.For($"writer:{idempotencyKey}"), DeploymentId = boot.DeploymentId, Machine = machine.Name, Key = idempotencyKey,
                    ArtifactId = artifact.Id, ArtifactSha256 = artifact.Sha256, DiskLocation = disk, Fault = fault, State = SimulatedWriterState.Writing,
                    BootedAt = now, BootedBy = Node, DueAt = now + StepTime,
                },
            };
        }, cancellationToken);
    }

    public Task EraseAsync(MachineRef machine, CancellationToken cancellationToken) =>
        ActAsync(SimulatedStep.EraseDisk, machine.Name, _ => Task.FromResult(new Change<bool>(true, "disks wiped") { Removed = machine.Name }), cancellationToken);

    public Task ConfigureAsync(string idempotencyKey, MachineRef machine, SoftwareConfiguration software, CancellationToken cancellationToken) =>
        OnceAsync(idempotencyKey, SimulatedStep.ConfigureSoftware, machine.Name, async store =>
        {
            // The real generator runs, so a configuration that would not boot fails here as it would on real hardware.
            var generated = ConfigurationGenerator.For(software.Family)?.Generate(software, machine.Name);
            if (generated is { IsValid: false })
            {
                throw new DriverException($"The configuration of {machine.Name} cannot be generated: {string.Join("; ", generated.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
            }

            var current = await store.FindMachineAsync(machine.Name, cancellationToken);
            // Described with masked values only: the simulation never logs a secret.
            return new Change<bool>(true, generated?.Value.ToString() ?? $"{software.OsLabel}: nothing to generate for {software.Family}")
            {
                Machine = current is null ? null : current with { Configured = true },
            };
        }, cancellationToken);

    public Task SetPowerAsync(MachineRef machine, PowerAction action, string? idempotencyKey, CancellationToken cancellationToken)
    {
        async Task<Change<PowerAction>> Power(ISimulationStore store)
        {
            var current = await store.FindMachineAsync(machine.Name, cancellationToken);
            return new Change<PowerAction>(action, $"power {action}")
            {
                Machine = current is null ? null : current with { PoweredOn = action != PowerAction.Off, LastPowerAction = action },
            };
        }

        return idempotencyKey is null
            ? ActAsync(SimulatedStep.Power, machine.Name, Power, cancellationToken)
            : OnceAsync(idempotencyKey, SimulatedStep.Power, machine.Name, Power, cancellationToken);
    }

    /// <summary>The simulation's DHCP: an address from the configured subnet, leased in the database for good.</summary>
    public async Task<string?> AddressOfAsync(Guid serverId, MachineRef machine, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var address = await scope.ServiceProvider.GetRequiredService<IAddressPool>().LeaseAsync(serverId, options.Value.Subnet, cancellationToken);
        await Store(scope).LogAsync(Operation(SimulatedStep.AddressLease, machine.Name, null, true, $"DHCP lease {address}"), cancellationToken);
        return address;
    }

    public Task<CapturedDisk> CaptureAsync(string idempotencyKey, MachineRef machine, CancellationToken cancellationToken) =>
        OnceAsync(idempotencyKey, SimulatedStep.Capture, machine.Name, async store =>
        {
            // A physical capture reads the server as it is (all its cores, memory and disks), not what was asked of it:
            // that is what consolidating it onto a VM (P2V) must reproduce.
            var hardware = machine is { Kind: PlatformKind.Physical, Server: { } server }
                ? server.Facts.AsHardware(machine.Hardware?.Firmware ?? FirmwareType.Bios)
                : machine.Hardware ?? (await store.FindMachineAsync(machine.Name, cancellationToken))?.Hardware
                ?? throw new DriverException($"The simulated datacenter knows no hardware for {machine}.");
            var format = machine.Kind == PlatformKind.Virtual ? machine.DiskFormat ?? DiskFormat.Qcow2 : DiskFormat.Raw;
            var size = (long)hardware.TotalDisk.Normalized / 4;
            var captured = new CapturedDisk(
                hardware, new Uri($"sim://captures/{machine.Name}/{KeyedGuid.For(idempotencyKey)}.{format.ToString().ToLowerInvariant()}"),
                format, size, Hash(idempotencyKey));
            return new Change<CapturedDisk>(captured, $"captured {hardware.Summary()} as {DisplayNames.Of(format)}");
        }, cancellationToken);

    /// <summary>Waits until this node boots a writer, or the timeout passes (the writers' loop sleeps on it).</summary>
    public async Task WaitForWriterAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await writerBooted.WaitAsync(timeout, cancellationToken))
        {
            // Several boots in a row need one round only.
            while (writerBooted.CurrentCount > 0 && writerBooted.Wait(0))
            {
            }
        }
    }

    /// <summary>
    /// Plays the image writers that are due: takes them for this node, finishes their writes, and calls the portal
    /// back. A callback the portal could not take (it was unreachable, or the deployment is not waiting yet) is tried
    /// again after a backoff that starts at one step's time and doubles up to <see cref="SimulationOptions.WriterRetryMaxMilliseconds"/>.
    /// Returns when the next writer is due, if one is.
    /// </summary>
    public async Task<DateTimeOffset?> RunImageWritersAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SimulatedWriterJob> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow();
            due = await Store(scope).ClaimDueWritersAsync(Node, now, now + WriterClaim, WritersPerRound, cancellationToken);
        }

        foreach (var writer in due)
        {
            try
            {
                await RunWriterAsync(writer, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is down, most likely: the claim runs out and this node or another plays the writer again.
                LogWriterFailed(e, writer.Machine, writer.DeploymentId);
            }
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            return due.Count == WritersPerRound ? clock.GetUtcNow() : await Store(scope).NextWriterDueAsync(cancellationToken);
        }
    }

    private async Task RunWriterAsync(SimulatedWriterJob writer, CancellationToken cancellationToken)
    {
        if (writer.State == SimulatedWriterState.Writing)
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = Store(scope);
            var now = clock.GetUtcNow();
            if (writer.Fault == SimulatedWriterFault.NeverCallsBack)
            {
                await store.UpdateWriterAsync(writer, writer with { State = SimulatedWriterState.Abandoned, FinishedAt = now, ClaimedUntil = null },
                    new SimulatedAct { Operation = Operation(SimulatedStep.ImageWriterCallback, writer.Machine, writer.Key, false, "the image writer never called back (simulated fault)") },
                    cancellationToken);
                return;
            }

            var succeeded = writer.Fault != SimulatedWriterFault.WriteFails;
            var message = succeeded ? $"image written to {writer.Machine}" : $"the image writer on {writer.Machine} found no disk to write to (simulated fault)";
            var machine = await store.FindMachineAsync(writer.Machine, cancellationToken);
            var written = writer with { State = SimulatedWriterState.CallingBack, Succeeded = succeeded, Message = message, DueAt = now };
            if (!await store.UpdateWriterAsync(writer, written, new SimulatedAct
                {
                    Operation = Operation(SimulatedStep.ImageWriter, writer.Machine, writer.Key, succeeded, message),
                    Machine = succeeded && machine is not null ? machine with { WrittenArtifact = writer.ArtifactId, WrittenSha256 = writer.ArtifactSha256 } : null,
                }, cancellationToken))
            {
                return;
            }

            writer = written;
        }

        CallbackReceipt receipt;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var callback = new DeploymentCallback(writer.Succeeded == true, writer.Message, writer.Succeeded == true ? writer.DiskLocation : null);
            receipt = await scope.ServiceProvider.GetRequiredService<IDeploymentCallbackSink>().DeliverAsync(writer.DeploymentId, callback, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // As a real writer whose POST failed (the portal answered 5xx or could not be reached).
            receipt = new CallbackReceipt(CallbackReceiptKind.NotWaitingYet, null, $"the portal could not take the callback: {e.GetType().Name}");
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow();
            if (receipt.IsFinal)
            {
                var state = receipt.Kind == CallbackReceiptKind.Unknown ? SimulatedWriterState.Abandoned : SimulatedWriterState.Delivered;
                await Store(scope).UpdateWriterAsync(writer, writer with { State = state, FinishedAt = now, LastAnswer = receipt.Message, ClaimedUntil = null },
                    new SimulatedAct { Operation = Operation(SimulatedStep.ImageWriterCallback, writer.Machine, writer.Key, state == SimulatedWriterState.Delivered, $"called back: {receipt.Message}") },
                    cancellationToken);
                return;
            }

            var wait = Backoff(writer.Attempts);
            await Store(scope).UpdateWriterAsync(writer, writer with
                {
                    Attempts = writer.Attempts + 1, DueAt = now + wait, ClaimedBy = null, ClaimedUntil = null, LastAnswer = receipt.Message,
                },
                new SimulatedAct
                {
                    Operation = Operation(SimulatedStep.ImageWriterCallback, writer.Machine, writer.Key, false, $"callback not taken ({receipt.Message}); calling again in {wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s"),
                },
                cancellationToken);
        }
    }

    private TimeSpan StepTime => TimeSpan.FromMilliseconds(options.Value.StepMilliseconds);

    private TimeSpan TimeOf(string step) =>
        options.Value.SlowSteps.TryGetValue(step, out var milliseconds) ? TimeSpan.FromMilliseconds(milliseconds) : StepTime;

    private TimeSpan Backoff(int attempts)
    {
        var first = Math.Max(50, options.Value.StepMilliseconds);
        var wait = first * Math.Pow(2, Math.Min(attempts, 20));
        return TimeSpan.FromMilliseconds(Math.Min(wait, options.Value.WriterRetryMaxMilliseconds));
    }

    /// <summary>A step with a key: done once across nodes; a re-delivery returns the recorded result.</summary>
    private async Task<T> OnceAsync<T>(string key, string step, string machine, Func<ISimulationStore, Task<Change<T>>> act, CancellationToken cancellationToken)
        where T : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = Store(scope);
        if (await store.FindKeyAsync(step, key, cancellationToken) is { State: DriverKeyState.Done } earlier)
        {
            return await RedeliveredAsync<T>(store, earlier, step, machine, key, cancellationToken);
        }

        await StepAsync(store, step, machine, key, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var change = await ChangeAsync(store, step, machine, key, act);
            switch (await store.CommitAsync(Act(step, machine, key, change), cancellationToken))
            {
                case SimulatedCommit.Committed:
                    Committed(step, machine, change);
                    return change.Result;
                case SimulatedCommit.KeyTaken:
                    // Another node acted on this key meanwhile: its act stands, this one never happened.
                    var first = await store.FindKeyAsync(step, key, cancellationToken)
                        ?? throw new DriverException($"{step} {key}: the key was taken but its record cannot be read.");
                    return await RedeliveredAsync<T>(store, first, step, machine, key, cancellationToken);
                case SimulatedCommit.MachineChanged when attempt < ConflictAttempts:
                    continue;
                default:
                    throw new DriverException($"{step} on {machine}: the machine kept changing under this step; try again.");
            }
        }
    }

    /// <summary>A step without a key (delete, wipe, an admin's power action): it acts every time it is asked.</summary>
    private async Task ActAsync<T>(string step, string machine, Func<ISimulationStore, Task<Change<T>>> act, CancellationToken cancellationToken)
        where T : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = Store(scope);
        await StepAsync(store, step, machine, null, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var change = await ChangeAsync(store, step, machine, null, act);
            var outcome = await store.CommitAsync(Act(step, machine, null, change), cancellationToken);
            if (outcome == SimulatedCommit.Committed)
            {
                Committed(step, machine, change);
                return;
            }

            if (attempt >= ConflictAttempts)
            {
                throw new DriverException($"{step} on {machine}: the machine kept changing under this step; try again.");
            }
        }
    }

    private async Task<Change<T>> ChangeAsync<T>(ISimulationStore store, string step, string machine, string? key, Func<ISimulationStore, Task<Change<T>>> act)
        where T : notnull
    {
        try
        {
            return await act(store);
        }
        catch (DriverException e)
        {
            await FailAsync(store, step, machine, key, e.Message);
            throw;
        }
    }

    private SimulatedAct Act<T>(string step, string machine, string? key, Change<T> change)
        where T : notnull => new()
    {
        Operation = Operation(step, machine, key, true, change.Detail),
        Result = key is null ? null : DriverJson.Write(change.Result),
        Machine = change.Machine,
        RemovedMachine = change.Removed,
        Artifact = change.Artifact,
        Writer = change.Writer,
    };

    private void Committed<T>(string step, string machine, Change<T> change)
    {
        LogActed(step, machine, change.Detail);
        if (change.Writer is not null)
        {
            writerBooted.Release();
        }
    }

    private async Task<T> RedeliveredAsync<T>(ISimulationStore store, DriverKeyRecord earlier, string step, string machine, string key, CancellationToken cancellationToken)
    {
        var detail = $"re-delivered: returned the first result ({earlier.Node} acted at {earlier.CompletedAt ?? earlier.StartedAt:O})";
        await store.LogAsync(Operation(step, machine, key, true, detail) with { Redelivered = true }, cancellationToken);
        LogActed(step, machine, detail);
        return DriverJson.Read<T>(earlier.Result);
    }

    private async Task StepAsync(ISimulationStore store, string step, string machine, string? key, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeOf(step), clock, cancellationToken);
        if (options.Value.BrokenMachines.Contains(machine, StringComparer.OrdinalIgnoreCase))
        {
            await FailAsync(store, step, machine, key, $"{machine} does not respond (simulated hardware fault).");
            throw new DriverException($"{machine} does not respond (simulated hardware fault).");
        }

        if (Consume(step))
        {
            await FailAsync(store, step, machine, key, $"{step} failed on {machine} (simulated fault).");
            throw new DriverException($"{step} failed on {machine} (simulated fault).");
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

    private async Task FailAsync(ISimulationStore store, string step, string machine, string? key, string message)
    {
        try
        {
            await store.LogAsync(Operation(step, machine, key, false, message), CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The failure is what the caller hears about; a log entry lost with the database is not worth hiding it.
            LogNotLogged(e, step, machine);
        }
    }

    private SimulatedOperation Operation(string step, string machine, string? key, bool succeeded, string detail) =>
        new(step, machine, key, succeeded, detail) { Node = Node, At = clock.GetUtcNow() };

    private static ISimulationStore Store(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<ISimulationStore>();

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>What one act returns and changes.</summary>
    private sealed record Change<T>(T Result, string Detail)
    {
        public SimulatedMachine? Machine { get; init; }

        public string? Removed { get; init; }

        public SimulatedArtifact? Artifact { get; init; }

        public SimulatedWriterJob? Writer { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated {Step} on {Machine}: {Detail}")]
    private partial void LogActed(string step, string machine, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated {Step} on {Machine} failed and its log entry could not be written")]
    private partial void LogNotLogged(Exception exception, string step, string machine);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The simulated image writer on {Machine} (deployment {DeploymentId}) could not go on; it is tried again")]
    private partial void LogWriterFailed(Exception exception, string machine, Guid deploymentId);
}
