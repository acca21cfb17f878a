using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Deployments;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Validation;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Inventory;

namespace Portal.Provisioning.Deployments;

/// <summary>
/// The steps of a deployment, one method per activity: each reads the deployment afresh, asks the platform's
/// driver to act with the step's idempotency key, and records the step's progress. The workflow decides the
/// order; this class decides what a step means.
/// </summary>
public sealed partial class Provisioner(
    IDeploymentStore deployments, IInventoryStore inventory, IImageCatalog library, IDriverCatalog drivers, IBootLinks bootLinks,
    IWriterSessionStore writers, TimeProvider clock, IOptions<ProvisioningOptions> options, ILogger<Provisioner> logger)
{
    // How a timed-out write's reason starts, so a late callback finds the server that timeout took out of the pool.
    private const string TimeoutReasonPrefix = "Deployment ";

    /// <summary>Checks an order against the image and the platforms, and records it as a pending deployment with its host name claimed.</summary>
    public async Task<ValidationResult<Deployment>> CreateAsync(DeploymentOrder order, CancellationToken cancellationToken)
    {
        if (order.Id is { } chosen && await deployments.FindAsync(chosen, cancellationToken) is { } existing)
        {
            return ValidationResult<Deployment>.Success(existing);
        }

        var prepared = await PrepareAsync(order, cancellationToken);
        if (!prepared.IsValid)
        {
            return ValidationResult<Deployment>.Failure(prepared.Errors);
        }

        var taken = await deployments.CreateAsync(prepared.Value.Deployment, prepared.Value.Secrets, cancellationToken);
        return taken.Count == 0
            ? ValidationResult<Deployment>.Success(prepared.Value.Deployment)
            : ValidationResult<Deployment>.Failure(prepared.Value.HostnameField, HostnameInUse(taken[0]));
    }

    /// <summary>
    /// Checks an order against the image and the platforms and makes the deployment it would record, without
    /// recording it: the plan on the first platform that can run it, the secrets apart (generated where the image
    /// says so and the order left them empty), and the host name free among live servers and claimed names.
    /// </summary>
    public async Task<ValidationResult<PreparedDeployment>> PrepareAsync(DeploymentOrder order, CancellationToken cancellationToken)
    {
        var image = await library.FindImageAsync(order.ImageId, cancellationToken);
        if (image is null)
        {
            return ValidationResult<PreparedDeployment>.Failure("imageId", "There is no image with this id.");
        }

        var parameters = WithHostname(image, order);
        var generated = new List<string>();
        foreach (var parameter in image.Software.Parameters.Where(p => p.IsSecret && p.Generate))
        {
            if (!parameters.TryGetValue(parameter.Name, out var given) || string.IsNullOrEmpty(given))
            {
                parameters[parameter.Name] = SecretGenerator.Password();
                generated.Add(parameter.Name);
            }
        }

        var request = new DeploymentRequest { Hardware = order.Hardware, Parameters = parameters, AllowUnpublished = order.AllowUnpublished };
        var platforms = await library.PlatformsAsync(cancellationToken);
        if (order.PlatformId is { } pinned && platforms.All(p => p.Id != pinned))
        {
            return ValidationResult<PreparedDeployment>.Failure("platformId", "There is no platform with this id.");
        }

        var kinds = AllocationRules.Order(order.Placement);
        // In the allocator's order of kinds (Any: virtual first), so the plan shown is the one allocation will most likely follow.
        var kindOrder = kinds.ToList();
        var candidates = platforms.Where(p => kinds.Contains(p.Kind) && (order.PlatformId is null || p.Id == order.PlatformId))
            .OrderBy(p => kindOrder.IndexOf(p.Kind)).ToList();
        var plans = candidates.Select(p => DeploymentPlanner.Plan(image, p, request)).ToList();
        var valid = plans.Where(p => p.IsValid).Select(p => p.Value).ToList();
        if (valid.Count == 0)
        {
            return ValidationResult<PreparedDeployment>.Failure(Refusal(order, plans, platforms.FirstOrDefault(p => p.Id == order.PlatformId)));
        }

        var plan = await LikelyPlanAsync(valid, kinds, cancellationToken);

        var hostname = order.Hostname ?? HostnameOf(plan);
        if (hostname is not null && order.ClaimHostname
            && (await deployments.HostnamesInUseAsync([hostname], cancellationToken)).FirstOrDefault() is { } inUse)
        {
            return ValidationResult<PreparedDeployment>.Failure(HostnameField(image, order), HostnameInUse(inUse));
        }

        var secretNames = image.Software.Parameters.Where(p => p.IsSecret).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var now = clock.GetUtcNow();
        var deployment = new Deployment
        {
            Id = order.Id ?? Guid.NewGuid(),
            ImageId = image.Id,
            RequestedBy = order.RequestedBy,
            RequestId = order.RequestId,
            Hostname = order.ClaimHostname ? hostname : null,
            Placement = order.Placement,
            PlatformId = order.PlatformId,
            Hardware = order.Hardware,
            Parameters = parameters.Where(p => !secretNames.Contains(p.Key)).ToDictionary(StringComparer.OrdinalIgnoreCase),
            GeneratedSecrets = generated,
            AllowUnpublished = order.AllowUnpublished,
            Steps = Progress(plan, []),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var secrets = parameters.Where(p => secretNames.Contains(p.Key) && !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value!);
        return ValidationResult<PreparedDeployment>.Success(new PreparedDeployment(deployment, secrets, plan, HostnameField(image, order)));
    }

    /// <summary>
    /// The plan on the platform allocation would choose if it ran now — the best-ranked host or server among the
    /// platforms that can run the image, kinds in the allocator's order — so what a requester reviews is what will most
    /// likely happen; the first platform that can run it when nothing has room now.
    /// </summary>
    private async Task<DeploymentPlan> LikelyPlanAsync(List<DeploymentPlan> valid, IReadOnlyList<PlatformKind> kinds, CancellationToken cancellationToken)
    {
        if (valid.Count == 1)
        {
            return valid[0];
        }

        var demand = AllocationDemand.From(valid[0].Hardware);
        foreach (var kind in kinds)
        {
            var ids = valid.Where(p => p.Target.Kind == kind).Select(p => p.Target.Id).ToHashSet();
            if (ids.Count == 0)
            {
                continue;
            }

            var chosen = kind == PlatformKind.Virtual
                ? AllocationRules.RankHosts((await inventory.HostsAsync(cancellationToken)).Where(h => ids.Contains(h.PlatformId)), demand).FirstOrDefault()?.PlatformId
                : AllocationRules.RankServers((await inventory.ServersAsync(cancellationToken)).Where(s => ids.Contains(s.PlatformId)), demand).FirstOrDefault()?.PlatformId;
            if (chosen is { } platformId)
            {
                return valid.First(p => p.Target.Id == platformId);
            }
        }

        return valid[0];
    }

    /// <summary>Reserves the best-fitting hardware among the platforms that can run the image.</summary>
    public async Task<AllocationOutcome> AllocateAsync(Guid deploymentId, string key, string instanceId, CancellationToken cancellationToken)
    {
        var deployment = await FindAsync(deploymentId, cancellationToken);
        var image = await ImageAsync(deployment, cancellationToken);
        var request = await RequestAsync(deployment, cancellationToken);
        var platforms = (await library.PlatformsAsync(cancellationToken))
            .Where(p => deployment.PlatformId is null || p.Id == deployment.PlatformId)
            .Where(p => DeploymentPlanner.Plan(image, p, request).IsValid)
            .ToList();
        var hardware = image.Hardware.Instantiate(deployment.Hardware).Value;
        var kinds = AllocationRules.Order(deployment.Placement).Where(k => platforms.Any(p => p.Kind == k)).ToList();
        var outcome = kinds.Count == 0
            ? AllocationOutcome.NoCapacity(["No platform can run this image with the sizes asked for."])
            : await inventory.ReserveAsync(
                new AllocationRequest(key, deploymentId, AllocationDemand.From(hardware), kinds, options.Value.ReservationLifetime, platforms.Select(p => p.Id).ToList()),
                cancellationToken);
        if (outcome.Reservation is not { } reservation)
        {
            await deployments.UpdateAsync(deploymentId, d => d with
            {
                Status = DeploymentStatus.Running, WorkflowInstanceId = d.WorkflowInstanceId ?? instanceId, UpdatedAt = clock.GetUtcNow(),
                Error = $"No capacity: {string.Join(" · ", outcome.Reasons)}",
            }, cancellationToken);
            return outcome;
        }

        var host = reservation.HostId is { } hostId ? await inventory.FindHostAsync(hostId, cancellationToken) : null;
        var server = reservation.ServerId is { } serverId ? await inventory.FindServerAsync(serverId, cancellationToken) : null;
        var platform = platforms.Single(p => p.Id == (host?.PlatformId ?? server!.PlatformId));
        var plan = DeploymentPlanner.Plan(image, platform, request).Value;
        // A re-delivered allocation finds the record its reservation made; a deployment retried from the start after a
        // failure gets its record rewritten for the new hardware (one record per deployment, the same id).
        var previous = await deployments.FindServerByDeploymentAsync(deploymentId, cancellationToken);
        var deployed = previous is not null && previous.ReservationId == reservation.Id ? previous : new DeployedServer
        {
            Id = previous?.Id ?? Guid.NewGuid(),
            Name = ServerName(deployment, plan),
            MachineName = server?.Name ?? ServerName(deployment, plan),
            Owner = deployment.RequestedBy,
            ImageId = image.Id,
            DeploymentId = deploymentId,
            RequestId = deployment.RequestId,
            Kind = platform.Kind,
            PlatformId = platform.Id,
            Technology = platform.Technology,
            HostId = host?.Id,
            PhysicalServerId = server?.Id,
            Hardware = plan.Hardware,
            OsLabel = plan.Software.OsLabel,
            ReservationId = reservation.Id,
            CreatedAt = clock.GetUtcNow(),
        };
        await deployments.SaveServerAsync(deployed, cancellationToken);
        if (server is not null)
        {
            await inventory.SetServerStateAsync(server.Id, ServerState.Deploying, cancellationToken);
        }

        var now = clock.GetUtcNow();
        await deployments.UpdateAsync(deploymentId, d =>
        {
            var updated = d with
            {
                Status = DeploymentStatus.Running, WorkflowInstanceId = d.WorkflowInstanceId ?? instanceId, ReservationId = reservation.Id,
                TargetPlatformId = platform.Id, ServerId = deployed.Id, Error = null, UpdatedAt = now, Steps = Progress(plan, d.Steps),
            };
            return platform.Kind == PlatformKind.Physical
                ? updated.WithStep(DeploymentStepKind.AllocatePhysicalServer, StepState.Completed, now, $"{server!.Name} reserved")
                : updated;
        }, cancellationToken);
        LogAllocated(deploymentId, deployed.MachineName, host?.Name ?? server!.Name);
        return outcome;
    }

    /// <summary>True when the deployment's target needs the artifact in another format.</summary>
    public async Task<bool> NeedsConversionAsync(Guid deploymentId, CancellationToken cancellationToken) =>
        (await SnapshotAsync(deploymentId, cancellationToken)).Plan?.Conversion is not null;

    /// <summary>Converts the artifact for the target and records the result on the image, with lineage.</summary>
    public Task ConvertAsync(Guid deploymentId, string key, CancellationToken cancellationToken) =>
        StepAsync(deploymentId, DeploymentStepKind.ConvertArtifact, async s =>
        {
            if (s.Plan!.Conversion is not { } conversion)
            {
                return "no conversion needed";
            }

            var artifact = await drivers.ConverterFor(s.Plan.Target).ConvertAsync(key, s.Image.Id, s.Plan.SourceArtifact, conversion.To, null, cancellationToken);
            await library.AddArtifactAsync(s.Image.Id, artifact, cancellationToken);
            return $"{conversion.From} → {conversion.To}: {artifact.Location}";
        }, cancellationToken);

    public Task CreateVirtualMachineAsync(Guid deploymentId, string key, CancellationToken cancellationToken) =>
        StepAsync(deploymentId, DeploymentStepKind.CreateVirtualMachine, async s =>
        {
            var vms = drivers.For(s.Plan!.Target).VirtualMachines
                ?? throw new DriverException($"{s.Plan.Target.Name} has no virtual machine driver.");
            var disk = await vms.CreateAsync(key, Machine(s), s.Plan.Hardware, s.Plan.WrittenFormat, cancellationToken);
            await deployments.SaveServerAsync(s.Server! with { DiskLocation = disk, DiskFormat = s.Plan.WrittenFormat }, cancellationToken);
            return $"{s.Server!.MachineName} defined on {s.Host?.Name}";
        }, cancellationToken);

    /// <summary>Writes the image: a hypervisor copies it; bare metal boots the image writer, which calls back (true then).</summary>
    public async Task<bool> DeployImageAsync(Guid deploymentId, string key, CancellationToken cancellationToken)
    {
        var awaiting = false;
        await StepAsync(deploymentId, DeploymentStepKind.WriteImage, async s =>
        {
            var plan = s.Plan!;
            var artifact = Written(s.Image, plan);
            var writer = drivers.For(plan.Target).Writer;
            if (plan.Target.Kind == PlatformKind.Physical)
            {
                awaiting = true;
                return await BootWriterAsync(s, writer, artifact, key, cancellationToken);
            }

            var result = await writer.WriteAsync(key, Machine(s), artifact, null, cancellationToken);
            awaiting = result.AwaitingCallback;
            if (result.DiskLocation is { } disk)
            {
                await deployments.SaveServerAsync(s.Server! with { DiskLocation = disk, DiskFormat = artifact.Format }, cancellationToken);
            }

            return result.AwaitingCallback ? $"{s.Server!.MachineName} is booting the image writer" : $"{DisplayNames.Of(artifact.Format)} image written";
        }, cancellationToken, finish: () => !awaiting);
        return awaiting;
    }

    /// <summary>
    /// Boots the image writer of a bare-metal write, at most once per window. The rule, on the deployment's writer
    /// session: a write whose writer reported already boots nothing (the wait takes the report); a re-run of the write
    /// (same key) within <see cref="ProvisioningOptions.WriterCallbackWindow"/> of the last boot waits for that writer;
    /// after the window, with no callback, the writer is taken for lost and booted again — under a key of its own
    /// (<see cref="WriterSession.BootKey"/>), so the driver acts instead of answering from the first boot's record.
    /// The session is written before the boot, so a writer that calls back before this step has committed is heard.
    /// </summary>
    private async Task<string> BootWriterAsync(DeploymentSnapshot s, IImageWriter writer, ImageArtifact artifact, string key, CancellationToken cancellationToken)
    {
        var deploymentId = s.Deployment.Id;
        var name = s.Server!.MachineName;
        var session = await writers.BeginAsync(deploymentId, key, cancellationToken);
        if (session.Callback is not null)
        {
            return $"{name}: the image writer has reported already";
        }

        var now = clock.GetUtcNow();
        if (session.BootedAt is { } booted && now - booted < options.Value.WriterCallbackWindow)
        {
            return $"{name} is booting the image writer (boot {session.Boots} sent {booted:u})";
        }

        var boot = session.BootedAt is null ? Math.Max(1, session.Boots) : session.Boots + 1;
        var result = await writer.WriteAsync(session.BootKey(boot), Machine(s), artifact, bootLinks.Create(deploymentId), cancellationToken);
        if (!result.AwaitingCallback)
        {
            throw new DriverException($"The writer of {name} wrote without booting an image writer; a bare-metal write always calls back.");
        }

        await writers.BootedAsync(deploymentId, key, boot, clock.GetUtcNow(), cancellationToken);
        if (boot == 1)
        {
            return $"{name} is booting the image writer";
        }

        LogWriterRebooted(deploymentId, name, boot, session.BootedAt);
        return $"{name} is booting the image writer again (boot {boot}): the one booted {session.BootedAt:u} did not call back within {options.Value.WriterCallbackWindow}";
    }

    /// <summary>The artifact the image writer should fetch, while the deployment's write step runs; null otherwise (a stale boot link).</summary>
    public async Task<ImageArtifact?> ArtifactToWriteAsync(Guid deploymentId, CancellationToken cancellationToken)
    {
        if (await deployments.FindAsync(deploymentId, cancellationToken) is not { } deployment
            || deployment.Steps.FirstOrDefault(s => s.Kind == DeploymentStepKind.WriteImage) is not { State: StepState.Running })
        {
            return null;
        }

        var snapshot = await SnapshotAsync(deploymentId, cancellationToken);
        return snapshot.Plan is { } plan ? Written(snapshot.Image, plan) : null;
    }

    /// <summary>
    /// What the boot script of a deployment's image writer needs: the artifact, the firmware the server boots with
    /// (BIOS iPXE builds have no HTTPS), and whether its platform's iPXE has HTTPS. Null when the deployment is not writing.
    /// </summary>
    public async Task<ImageBoot?> ImageBootAsync(Guid deploymentId, CancellationToken cancellationToken)
    {
        if (await ArtifactToWriteAsync(deploymentId, cancellationToken) is not { } artifact)
        {
            return null;
        }

        var snapshot = await SnapshotAsync(deploymentId, cancellationToken);
        return new ImageBoot(artifact, snapshot.Server?.Hardware.Firmware, snapshot.Plan?.Target.Connection?.IpxeHasHttps ?? false);
    }

    /// <summary>The callback the deployment's image writer sent for the current write, if one arrived (the wait then takes it at once).</summary>
    public async Task<DeploymentCallback?> RecordedCallbackAsync(Guid deploymentId, CancellationToken cancellationToken) =>
        await writers.FindAsync(deploymentId, cancellationToken) is { TimedOutAt: null, Callback: { } callback } ? callback : null;

    /// <summary>
    /// The image writer's report: the write step completes or fails with the writer's reason. A server whose write
    /// failed is marked Failed, so the next deployment does not land on it before an admin has looked (maintenance
    /// mode brings it back). Taking the same report again (a re-run of the wait) changes nothing more.
    /// </summary>
    public async Task RecordCallbackAsync(Guid deploymentId, DeploymentCallback callback, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(deploymentId, cancellationToken);
        if (callback.Succeeded && snapshot.Server is { } server)
        {
            await deployments.SaveServerAsync(server with { DiskLocation = callback.DiskLocation ?? server.DiskLocation, DiskFormat = DiskFormat.Raw }, cancellationToken);
        }
        else if (!callback.Succeeded && snapshot.PhysicalServer is { } physical)
        {
            await inventory.SetServerStateAsync(physical.Id, ServerState.Failed, cancellationToken,
                $"Its image writer reported a failed write for deployment {deploymentId}: {callback.Message ?? "no reason given"}");
        }

        var now = clock.GetUtcNow();
        await writers.CloseAsync(deploymentId, timedOut: false, now, cancellationToken);
        await deployments.UpdateAsync(deploymentId, d => d.WithStep(
            DeploymentStepKind.WriteImage, callback.Succeeded ? StepState.Completed : StepState.Failed, now,
            callback.Message ?? (callback.Succeeded ? "the image writer reported success" : "the image writer reported a failure")), cancellationToken);
    }

    /// <summary>
    /// The wait for the image writer ran out. The server is taken out of the pool — it may not have booted — but marked
    /// Failed with the reason (when the writer was booted, how often, how long was waited), which the inventory shows, so
    /// an admin sees why before putting it back; if the writer's callback still arrives, the server returns by itself.
    /// </summary>
    public async Task RecordTimeoutAsync(Guid deploymentId, TimeSpan waited, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(deploymentId, cancellationToken);
        var now = clock.GetUtcNow();
        var session = await writers.CloseAsync(deploymentId, timedOut: true, now, cancellationToken);
        var message = $"The image writer did not call back within {waited}.";
        if (snapshot.PhysicalServer is { } physical)
        {
            var booted = session is { BootedAt: { } at } ? $"booted {session.Boots} time(s), last at {at:u}" : "never booted";
            await inventory.SetServerStateAsync(physical.Id, ServerState.Failed, cancellationToken,
                $"{TimeoutReasonPrefix}{deploymentId}: its image writer ({booted}) did not call back within {waited}. Check its console and network boot, then put it back in service (maintenance off).");
        }

        await deployments.UpdateAsync(deploymentId, d => d.WithStep(DeploymentStepKind.WriteImage, StepState.Failed, now, message), cancellationToken);
    }

    /// <summary>
    /// A callback that arrived after the deployment stopped waiting: nothing resumes, but a success proves the server
    /// boots and writes, so a server the timeout marked Failed (for this deployment, holding nothing) returns to the pool.
    /// </summary>
    public async Task<bool> RecordLateCallbackAsync(Guid deploymentId, DeploymentCallback callback, CancellationToken cancellationToken)
    {
        if (!callback.Succeeded || await deployments.FindServerByDeploymentAsync(deploymentId, cancellationToken) is not { PhysicalServerId: { } physicalId }
            || await inventory.FindServerAsync(physicalId, cancellationToken) is not { State: ServerState.Failed, ReservationId: null } physical
            || physical.StateReason?.StartsWith($"{TimeoutReasonPrefix}{deploymentId}", StringComparison.Ordinal) != true)
        {
            return false;
        }

        await inventory.SetServerStateAsync(physical.Id, ServerState.Available, cancellationToken);
        LogServerBack(physical.Name, deploymentId);
        return true;
    }

    public Task ConfigureAsync(Guid deploymentId, string key, CancellationToken cancellationToken) =>
        StepAsync(deploymentId, DeploymentStepKind.ConfigureSoftware, async s =>
        {
            await drivers.For(s.Plan!.Target).Configurator.ConfigureAsync(key, Machine(s), s.Plan.Software, cancellationToken);
            return s.Plan.Software.Settings.Count == 1 ? "1 setting applied" : $"{s.Plan.Software.Settings.Count} settings applied";
        }, cancellationToken);

    /// <summary>Powers the server on and records its address: a static one from its parameters, else the one the platform reports.</summary>
    public Task PowerOnAsync(Guid deploymentId, string key, CancellationToken cancellationToken) =>
        StepAsync(deploymentId, DeploymentStepKind.PowerOn, async s =>
        {
            var platform = drivers.For(s.Plan!.Target);
            await platform.Power.SetPowerAsync(Machine(s), PowerAction.On, key, cancellationToken);
            var address = s.Plan.Software.Settings.FirstOrDefault(p => p.Type == ParameterType.Ip && !string.IsNullOrEmpty(p.Value))?.Value
                ?? (platform.Addresses is { } addresses ? await addresses.AddressOfAsync(s.Server!.Id, Machine(s), cancellationToken) : null);
            if (address is not null && address != s.Server!.IpAddress)
            {
                await deployments.SaveServerAsync(s.Server! with { IpAddress = address }, cancellationToken);
            }

            return address is null ? $"{s.Server!.MachineName} is on" : $"{s.Server!.MachineName} is on at {address}";
        }, cancellationToken);

    /// <summary>Ends the deployment: on success its hardware is kept for good and the server runs; on failure it says why.</summary>
    public async Task FinishAsync(Guid deploymentId, bool succeeded, string? message, CancellationToken cancellationToken)
    {
        var deployment = await FindAsync(deploymentId, cancellationToken);
        if (succeeded && deployment.ReservationId is { } reservation)
        {
            await inventory.CommitAsync(reservation, cancellationToken);
        }

        if (deployment.ServerId is { } serverId && await deployments.FindServerAsync(serverId, cancellationToken) is { } server)
        {
            await deployments.SaveServerAsync(server with { Status = succeeded ? ServerStatus.Running : ServerStatus.Failed }, cancellationToken);
        }

        await deployments.UpdateAsync(deploymentId, d => d with
        {
            Status = succeeded ? DeploymentStatus.Completed : DeploymentStatus.Failed,
            Error = succeeded ? null : message ?? d.Error ?? "The deployment failed.",
            UpdatedAt = clock.GetUtcNow(),
        }, cancellationToken);
    }

    /// <summary>
    /// Gives a deployment's hardware back: a VM container it created is deleted, the reservation released. Safe to
    /// run twice (a retried compensation): the second time there is nothing left to give back.
    /// </summary>
    public async Task<bool> ReleaseAsync(Guid deploymentId, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(deploymentId, cancellationToken);
        if (snapshot.Deployment.ReservationId is not { } reservation)
        {
            return false;
        }

        if (snapshot.Server is { Kind: PlatformKind.Virtual, DiskLocation: not null, Status: not ServerStatus.Running } server && snapshot.Plan is { } plan)
        {
            await drivers.For(plan.Target).VirtualMachines!.DeleteAsync(Machine(snapshot), cancellationToken);
            await deployments.SaveServerAsync(server with { Status = ServerStatus.Decommissioned, DiskLocation = null }, cancellationToken);
        }

        var released = await inventory.ReleaseAsync(reservation, cancellationToken);
        LogReleased(deploymentId, released);
        return released;
    }

    /// <summary>
    /// Ends a cancelled deployment so that every record agrees: a VM container it created is deleted and its
    /// reservation released (<see cref="ReleaseAsync"/>), its server record is decommissioned (it never ran, so the
    /// server list does not show it beside the machine's next deployment), the deployment is Cancelled (unless it
    /// completed meanwhile) and its host name is free. Safe to run twice: the second time finds it all done.
    /// </summary>
    public async Task CancelAsync(Guid deploymentId, CancellationToken cancellationToken)
    {
        var deployment = await FindAsync(deploymentId, cancellationToken);
        if (deployment.Status == DeploymentStatus.Completed)
        {
            return;
        }

        await ReleaseAsync(deploymentId, cancellationToken);
        if (deployment.ServerId is { } serverId && await deployments.FindServerAsync(serverId, cancellationToken) is { } server
            && server.Status is not (ServerStatus.Running or ServerStatus.Decommissioned))
        {
            await deployments.SaveServerAsync(server with { Status = ServerStatus.Decommissioned }, cancellationToken);
        }

        // The name is free before the status says Cancelled: whoever sees Cancelled may reuse the name at once. No
        // completion can come in between: this runs as a step of the deployment's own workflow, under its lease.
        await deployments.ReleaseHostnameAsync(deploymentId, cancellationToken);
        await deployments.UpdateAsync(deploymentId, d => d.Status is DeploymentStatus.Completed or DeploymentStatus.Cancelled
            ? d
            : d with { Status = DeploymentStatus.Cancelled, Error = d.Error ?? "Cancelled.", UpdatedAt = clock.GetUtcNow() }, cancellationToken);
        LogCancelled(deploymentId);
    }

    private async Task StepAsync(
        Guid deploymentId, DeploymentStepKind step, Func<DeploymentSnapshot, Task<string>> act, CancellationToken cancellationToken, Func<bool>? finish = null)
    {
        var snapshot = await SnapshotAsync(deploymentId, cancellationToken);
        if (snapshot.Plan is null || snapshot.Server is null)
        {
            throw new DriverException("This deployment has no hardware reserved yet: allocate it first.");
        }

        await deployments.UpdateAsync(deploymentId, d => d.WithStep(step, StepState.Running, clock.GetUtcNow()), cancellationToken);
        try
        {
            var detail = await act(snapshot);
            if (finish?.Invoke() ?? true)
            {
                await deployments.UpdateAsync(deploymentId, d => d.WithStep(step, StepState.Completed, clock.GetUtcNow(), detail), cancellationToken);
            }
            else
            {
                // The step now waits for a callback, which may already have come (a fast image writer) and finished
                // the step: only a step still running takes the detail, so a late write never turns Completed back.
                await deployments.UpdateAsync(
                    deploymentId,
                    d => d.Steps.Any(x => x.Kind == step && x.State == StepState.Running) ? d.WithStep(step, StepState.Running, clock.GetUtcNow(), detail) : d,
                    cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await deployments.UpdateAsync(deploymentId, d => d.WithStep(step, StepState.Failed, clock.GetUtcNow(), e.Message) with { Error = e.Message }, cancellationToken);
            throw;
        }
    }

    internal async Task<DeploymentSnapshot> SnapshotAsync(Guid deploymentId, CancellationToken cancellationToken)
    {
        var deployment = await FindAsync(deploymentId, cancellationToken);
        var image = await ImageAsync(deployment, cancellationToken);
        var server = deployment.ServerId is { } serverId ? await deployments.FindServerAsync(serverId, cancellationToken) : null;
        if (deployment.TargetPlatformId is not { } platformId || server is null)
        {
            return new DeploymentSnapshot(deployment, image, null, server, null, null);
        }

        var platform = (await library.PlatformsAsync(cancellationToken)).Single(p => p.Id == platformId);
        var plan = DeploymentPlanner.Plan(image, platform, await RequestAsync(deployment, cancellationToken));
        if (!plan.IsValid)
        {
            throw new DriverException($"The deployment no longer fits {platform.Name}: {string.Join("; ", plan.Errors.Select(e => e.Message))}");
        }

        var host = server.HostId is { } hostId ? await inventory.FindHostAsync(hostId, cancellationToken) : null;
        var physical = server.PhysicalServerId is { } physicalId ? await inventory.FindServerAsync(physicalId, cancellationToken) : null;
        return new DeploymentSnapshot(deployment, image, plan.Value, server, host, physical);
    }

    private async Task<DeploymentRequest> RequestAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string?>(deployment.Parameters, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in await deployments.SecretsAsync(deployment.Id, cancellationToken))
        {
            parameters[name] = value;
        }

        return new DeploymentRequest { Hardware = deployment.Hardware, Parameters = parameters, AllowUnpublished = deployment.AllowUnpublished };
    }

    private async Task<Deployment> FindAsync(Guid deploymentId, CancellationToken cancellationToken) =>
        await deployments.FindAsync(deploymentId, cancellationToken) ?? throw new DriverException($"There is no deployment {deploymentId}.");

    private async Task<MasterImage> ImageAsync(Deployment deployment, CancellationToken cancellationToken) =>
        await library.FindImageAsync(deployment.ImageId, cancellationToken) ?? throw new DriverException($"The image {deployment.ImageId} of deployment {deployment.Id} is gone.");

    private static MachineRef Machine(DeploymentSnapshot s) => MachineRef.Of(s.Server!, s.Host, s.PhysicalServer);

    /// <summary>The artifact that goes on the disk: in the written format (the converted one once conversion ran).</summary>
    private static ImageArtifact Written(MasterImage image, DeploymentPlan plan) =>
        image.Artifacts.FirstOrDefault(a => a.Format == plan.WrittenFormat) ?? plan.SourceArtifact;

    /// <summary>The server's name: its claimed host name, else its host-name parameter's value, else one made from its id.</summary>
    public static string ServerName(Deployment deployment, DeploymentPlan plan) =>
        deployment.Hostname ?? HostnameOf(plan) ?? $"dep-{deployment.Id:N}"[..12];

    private static string? HostnameOf(DeploymentPlan plan)
    {
        var hostname = plan.Software.Settings.FirstOrDefault(s => s.Type == ParameterType.Hostname)?.Value
            ?? plan.Software["hostname"]?.Value ?? plan.Software["computerName"]?.Value;
        return string.IsNullOrWhiteSpace(hostname) ? null : hostname;
    }

    /// <summary>The image's host-name parameter: the first of type host name, else one named hostname or computerName.</summary>
    public static ConfigurationParameter? HostnameParameter(MasterImage image) =>
        image.Software.Parameters.FirstOrDefault(p => p.Type == ParameterType.Hostname)
        ?? image.Software.Parameters.FirstOrDefault(p => p.Name.Equals("hostname", StringComparison.OrdinalIgnoreCase) || p.Name.Equals("computerName", StringComparison.OrdinalIgnoreCase));

    /// <summary>The order's parameters, with its host name given to the image's host-name parameter.</summary>
    private static Dictionary<string, string?> WithHostname(MasterImage image, DeploymentOrder order)
    {
        var parameters = new Dictionary<string, string?>(order.Parameters, StringComparer.OrdinalIgnoreCase);
        if (order.Hostname is { } name && HostnameParameter(image) is { } parameter)
        {
            parameters[parameter.Name] = name;
        }

        return parameters;
    }

    /// <summary>Where a taken host name is reported: the order's own name, else the image's host-name parameter.</summary>
    private static string HostnameField(MasterImage image, DeploymentOrder order) =>
        order.Hostname is null ? $"parameters.{HostnameParameter(image)?.Name ?? "hostname"}" : "hostname";

    private static string HostnameInUse(string hostname) =>
        $"The host name {hostname} is in use by another server or request: choose another.";

    private static IReadOnlyList<DeploymentStepProgress> Progress(DeploymentPlan plan, IReadOnlyList<DeploymentStepProgress> earlier) =>
        plan.Steps.Select(step => earlier.FirstOrDefault(e => e.Kind == step.Kind) is { } known && known.State != StepState.Pending
            ? known
            : new DeploymentStepProgress(step.Kind, step.Description)).ToList();

    private static List<ValidationError> Refusal(DeploymentOrder order, IReadOnlyList<ValidationResult<DeploymentPlan>> plans, Platform? pinned)
    {
        // Field errors (parameters, sizes, the image's lifecycle) are the same on every platform: report them as they are.
        var fieldErrors = plans.SelectMany(p => p.Errors).Where(e => e.Field != "platformId").DistinctBy(e => (e.Field, e.Message)).ToList();
        if (fieldErrors.Count > 0)
        {
            return fieldErrors;
        }

        var reasons = plans.SelectMany(p => p.Errors).Select(e => e.Message).Distinct().ToList();
        var why = reasons.Count > 0 ? ": " + string.Join(" ", reasons) : ".";
        if (pinned is not null)
        {
            return [new ValidationError("platformId", plans.Count == 0
                ? $"{pinned.Name} is a {DisplayNames.InSentence(pinned.Kind)} platform; this request asks for a {order.Placement.ToString().ToLowerInvariant()} one."
                : $"{pinned.Name} cannot run this image{why}")];
        }

        var kind = order.Placement == Placement.Any ? "" : order.Placement.ToString().ToLowerInvariant() + " ";
        return [new ValidationError("placement", plans.Count == 0 ? $"There is no {kind}platform to deploy to." : $"No {kind}platform can run this image{why}")];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {DeploymentId}: {Machine} allocated on {Target}")]
    private partial void LogAllocated(Guid deploymentId, string machine, string target);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {DeploymentId}: cancelled, its records settled")]
    private partial void LogCancelled(Guid deploymentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployment {DeploymentId}: {Machine} booted its image writer again (boot {Boot}); the one booted {BootedAt} never called back")]
    private partial void LogWriterRebooted(Guid deploymentId, string machine, int boot, DateTimeOffset? bootedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Machine} is back in the pool: the image writer of deployment {DeploymentId} called back after its wait had timed out")]
    private partial void LogServerBack(string machine, Guid deploymentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {DeploymentId}: hardware released ({Released})")]
    private partial void LogReleased(Guid deploymentId, bool released);
}
