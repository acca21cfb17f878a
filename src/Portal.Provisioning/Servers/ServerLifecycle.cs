using Microsoft.Extensions.Logging;
using Portal.Domain.Deployments;
using Portal.Domain.Library;
using Portal.Domain.Validation;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Inventory;
using Portal.Provisioning.Quotas;
using Portal.Provisioning.Leases;

namespace Portal.Provisioning.Servers;

/// <summary>What happens to a deployed server after its deployment: power, capture into an image, decommission, migration's successor.</summary>
public sealed partial class ServerLifecycle(
    IDeploymentStore deployments, IInventoryStore inventory, IImageCatalog library, IDriverCatalog drivers, Provisioner provisioner,
    QuotaPolicy quotas, LeaseBook leases, TimeProvider clock, ILogger<ServerLifecycle> logger)
{
    public async Task PowerAsync(Guid serverId, PowerAction action, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        var server = await FindAsync(serverId, cancellationToken);
        await (await DriversAsync(server, cancellationToken)).Power.SetPowerAsync(await MachineAsync(server, cancellationToken), action, idempotencyKey, cancellationToken);
        if (server.Status is ServerStatus.Running or ServerStatus.Stopped)
        {
            await deployments.SaveServerAsync(server with { Status = action == PowerAction.Off ? ServerStatus.Stopped : ServerStatus.Running }, cancellationToken);
        }
    }

    /// <summary>
    /// The end of what the server wrote on its serial console, as plain text (terminal escape sequences and control
    /// characters other than line breaks and tabs removed), or null when its platform keeps no console log or the
    /// server has written nothing yet.
    /// </summary>
    public async Task<string?> ReadConsoleAsync(Guid serverId, int maxBytes, CancellationToken cancellationToken)
    {
        var server = await FindAsync(serverId, cancellationToken);
        if ((await DriversAsync(server, cancellationToken)).VirtualMachines is not IConsoleLog console
            || await console.ReadConsoleAsync(await MachineAsync(server, cancellationToken), maxBytes, cancellationToken) is not { } text)
        {
            return null;
        }

        return ConsoleText.Plain(text);
    }

    /// <summary>
    /// Copies the server's disk and reads its hardware into a new draft image: the template is the hardware the
    /// platform reports, the software stack the one the server was deployed with. Re-delivered, it returns the
    /// image the first capture made.
    /// </summary>
    public async Task<MasterImage> CaptureAsync(Guid serverId, string key, string? name, string? owner, CancellationToken cancellationToken, Guid? chosenId = null)
    {
        var imageId = chosenId ?? KeyedGuid.For(key);
        if (await library.FindImageAsync(imageId, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var server = await FindAsync(serverId, cancellationToken);
        var source = await library.FindImageAsync(server.ImageId, cancellationToken)
            ?? throw new DriverException($"The image {server.Name} was deployed from is gone: its software stack cannot be described.");
        var captured = await (await DriversAsync(server, cancellationToken)).Capture.CaptureAsync(key, await MachineAsync(server, cancellationToken), cancellationToken);
        var now = clock.GetUtcNow();
        var image = new MasterImage
        {
            Id = imageId,
            Name = string.IsNullOrWhiteSpace(name) ? $"{server.Name} capture" : name.Trim(),
            Description = $"Captured from {server.Name} ({DisplayNames.InSentence(server.Kind)}, {DisplayNames.Of(server.Technology)}) on {now:yyyy-MM-dd HH:mm} UTC; deployed from {source.Name} {source.Version}.",
            Version = now.ToString("yyyy.MM.dd-HHmmss", System.Globalization.CultureInfo.InvariantCulture),
            Owner = string.IsNullOrWhiteSpace(owner) ? server.Owner : owner,
            Tags = ["captured", server.Kind == PlatformKind.Physical ? "from-physical" : "from-virtual"],
            Hardware = HardwareTemplate.Of(captured.Hardware),
            Software = source.Software,
            Artifacts =
            [
                new ImageArtifact
                {
                    Id = KeyedGuid.For(key + ":artifact"),
                    Format = captured.Format,
                    SizeBytes = captured.SizeBytes,
                    Sha256 = captured.Sha256,
                    Location = captured.Location,
                    Provenance = new Provenance(
                        server.Kind == PlatformKind.Physical ? CaptureSource.Physical : CaptureSource.Virtual, server.Technology, server.Name, now),
                },
            ],
        };
        var created = await library.CreateImageAsync(image, cancellationToken);
        if (!created.IsValid)
        {
            throw new DriverException($"The captured image could not be added to the library: {string.Join("; ", created.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
        }

        LogCaptured(server.Name, image.Id);
        return image;
    }

    /// <summary>
    /// Undefines a VM with its disks or wipes a physical server's disks, then marks the server decommissioned and gives
    /// back its share of its owner's quota.
    /// </summary>
    public async Task DecommissionAsync(Guid serverId, CancellationToken cancellationToken)
    {
        var server = await FindAsync(serverId, cancellationToken);
        if (server.Status == ServerStatus.Decommissioned)
        {
            // A re-delivered step: the share may not have been given back before the first run stopped.
            await quotas.ReleaseServerAsync(server.DeploymentId, cancellationToken);
            return;
        }

        await deployments.SaveServerAsync(server with { Status = ServerStatus.Decommissioning }, cancellationToken);
        var machine = await MachineAsync(server, cancellationToken);
        var platform = await DriversAsync(server, cancellationToken);
        if (server.Kind == PlatformKind.Virtual)
        {
            await (platform.VirtualMachines ?? throw new DriverException($"{DisplayNames.Of(server.Technology)} has no virtual machine driver.")).DeleteAsync(machine, cancellationToken);
        }
        else
        {
            await platform.Writer.EraseAsync(machine, cancellationToken);
        }

        await deployments.SaveServerAsync(server with { Status = ServerStatus.Decommissioned, DiskLocation = null }, cancellationToken);
        await deployments.ReleaseHostnameAsync(server.DeploymentId, cancellationToken);
        await quotas.ReleaseServerAsync(server.DeploymentId, cancellationToken);
        LogDecommissioned(server.Name);
    }

    /// <summary>Gives a server's hardware back to the pool. False when it holds none (released already).</summary>
    public async Task<bool> ReleaseAsync(Guid serverId, CancellationToken cancellationToken)
    {
        var server = await FindAsync(serverId, cancellationToken);
        return server.ReservationId is { } reservation && await inventory.ReleaseAsync(reservation, cancellationToken);
    }

    /// <summary>A deployment of <paramref name="imageId"/> that takes over a server's owner and parameters (secrets included).</summary>
    public async Task<Deployment> CreateSuccessorAsync(
        string key, Guid fromServerId, Guid imageId, Domain.Inventory.Placement placement, Guid? platformId, CancellationToken cancellationToken)
    {
        var server = await FindAsync(fromServerId, cancellationToken);
        var original = await deployments.FindAsync(server.DeploymentId, cancellationToken)
            ?? throw new DriverException($"The deployment of {server.Name} is gone: its parameters cannot be reused.");
        var parameters = new Dictionary<string, string?>(original.Parameters, StringComparer.OrdinalIgnoreCase);
        foreach (var (secretName, value) in await deployments.SecretsAsync(original.Id, cancellationToken))
        {
            parameters[secretName] = value;
        }

        var created = await provisioner.CreateAsync(new DeploymentOrder
        {
            Id = KeyedGuid.For(key),
            ImageId = imageId,
            Placement = placement,
            PlatformId = platformId,
            Parameters = parameters,
            RequestedBy = server.Owner,
            RequestId = original.RequestId,
            AllowUnpublished = true,
            // The server it replaces holds the name until it is decommissioned; the successor takes it over as it lives.
            ClaimHostname = false,
        }, cancellationToken);
        if (!created.IsValid)
        {
            throw new DriverException($"The successor of {server.Name} cannot be deployed: {Describe(created.Errors)}");
        }

        await leases.CarryOverAsync(server.DeploymentId, created.Value.Id, cancellationToken);
        return created.Value;
    }

    private async Task<MachineRef> MachineAsync(DeployedServer server, CancellationToken cancellationToken)
    {
        var host = server.HostId is { } hostId ? await inventory.FindHostAsync(hostId, cancellationToken) : null;
        var physical = server.PhysicalServerId is { } physicalId ? await inventory.FindServerAsync(physicalId, cancellationToken) : null;
        return MachineRef.Of(server, host, physical);
    }

    /// <summary>The drivers of the server's platform, chosen from the platform's settings as they are now.</summary>
    private async Task<PlatformDrivers> DriversAsync(DeployedServer server, CancellationToken cancellationToken)
    {
        var platform = (await library.PlatformsAsync(cancellationToken)).FirstOrDefault(p => p.Id == server.PlatformId)
            ?? throw new DriverException($"The platform of {server.Name} is gone: no driver can reach it.");
        return drivers.For(platform);
    }

    private async Task<DeployedServer> FindAsync(Guid serverId, CancellationToken cancellationToken) =>
        await deployments.FindServerAsync(serverId, cancellationToken) ?? throw new DriverException($"There is no server {serverId}.");

    private static string Describe(IReadOnlyList<ValidationError> errors) => string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Captured {Server} into image {ImageId}")]
    private partial void LogCaptured(string server, Guid imageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Decommissioned {Server}")]
    private partial void LogDecommissioned(string server);
}
