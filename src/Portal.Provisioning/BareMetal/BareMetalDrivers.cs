using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Library;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Redfish;

namespace Portal.Provisioning.BareMetal;

/// <summary>
/// The real drivers for physical pools: the server's BMC (Redfish) powers it and sets a one-time boot into the
/// image writer, from the network (PXE/iPXE platforms) or from virtual media (Redfish virtual media platforms);
/// the writer then fetches its script and calls back with the deployment's token. What the writer itself does
/// after boot (write, apply configuration, wipe, capture) is the writer image's job; the portal's side of it is
/// the boot script and callback endpoints.
/// Each boot and each keyed power request is recorded in the portal database (<see cref="DriverKeys"/>), so a
/// re-delivered write does not restart a server whose writer is already at work, on any node. Booting the writer
/// again when its callback never came is the provisioner's decision (a new boot, under a key of its own).
/// One Redfish client per BMC is kept for the driver's lifetime, so a BMC session serves every call until it
/// expires; disposing the drivers logs the sessions out.
/// </summary>
public sealed partial class BareMetalDrivers(IOptions<BareMetalOptions> options, DriverKeys keys, ILoggerFactory loggers)
    : IImageWriter, ISoftwareConfigurator, IPowerDriver, ICaptureDriver, IAsyncDisposable
{
    private readonly ILogger logger = loggers.CreateLogger<BareMetalDrivers>();
    private readonly RedfishClientPool clients = new(loggers);

    public async Task<WriteResult> WriteAsync(string idempotencyKey, MachineRef machine, ImageArtifact artifact, BootRequest? boot, CancellationToken cancellationToken)
    {
        if (boot is null)
        {
            throw new DriverException($"Writing {machine} needs its boot links.");
        }

        // The boot links hold the deployment's token: the record keeps the deployment and what was booted, not the links.
        await keys.OnceAsync(DriverNames.BareMetal, "WriteImage", idempotencyKey, machine.Name,
            new { boot.DeploymentId, Artifact = artifact.Id, artifact.Sha256, machine.Technology, Bmc = machine.Server?.Bmc.Address },
            async (_, token) =>
            {
                await BootWriterAsync(machine, token);
                return (true, $"set to boot the image writer once ({machine.Technology}) and restarted");
            }, cancellationToken);
        return WriteResult.Callback;
    }

    private async Task BootWriterAsync(MachineRef machine, CancellationToken cancellationToken)
    {
        var bmc = Client(machine);
        await Run(async () =>
        {
            if (machine.Technology == PlatformTechnology.RedfishVirtualMedia)
            {
                var iso = options.Value.ImageWriterIsoUrl
                    ?? throw new DriverException($"{BareMetalOptions.Section}:ImageWriterIsoUrl is not set: the BMC has nothing to mount.");
                await bmc.InsertVirtualMediaAsync(iso, cancellationToken);
                await bmc.SetOneTimeBootAsync(BootTarget.Cd, cancellationToken);
            }
            else
            {
                await bmc.SetOneTimeBootAsync(BootTarget.Pxe, cancellationToken);
            }

            // A server that is on restarts into the writer (ForceRestart, PowerCycle, or off and on, as the BMC
            // allows); one that is off is switched on.
            await bmc.RestartAsync(cancellationToken);
        });
        LogBooted(machine.Name, machine.Technology);
    }

    public Task EraseAsync(MachineRef machine, CancellationToken cancellationToken) =>
        throw new DriverException(
            $"Wiping {machine} needs the image writer's wipe mode, which the real bare-metal driver does not drive yet; wipe it by hand, then skip this step.");

    public Task ConfigureAsync(string idempotencyKey, MachineRef machine, SoftwareConfiguration software, CancellationToken cancellationToken) =>
        throw new DriverException(
            $"Configuring {machine} needs the image writer to fetch its cloud-init seed, which the real bare-metal driver does not serve yet.");

    public Task<CapturedDisk> CaptureAsync(string idempotencyKey, MachineRef machine, CancellationToken cancellationToken) =>
        throw new DriverException($"Capturing {machine} needs the image writer's capture mode, which the real bare-metal driver does not drive yet.");

    public Task SetPowerAsync(MachineRef machine, PowerAction action, string? idempotencyKey, CancellationToken cancellationToken) =>
        idempotencyKey is null
            ? PowerAsync(machine, action, cancellationToken)
            : keys.OnceAsync(DriverNames.BareMetal, "Power", idempotencyKey, machine.Name, new { Action = action, Bmc = machine.Server?.Bmc.Address },
                async (_, token) =>
                {
                    await PowerAsync(machine, action, token);
                    return (action, $"power {action}");
                }, cancellationToken);

    private async Task PowerAsync(MachineRef machine, PowerAction action, CancellationToken cancellationToken)
    {
        // The state is read first: a BMC refuses "On" for a server that is on, and "off" of one that is off is done.
        var bmc = Client(machine);
        await Run(() => action switch
        {
            PowerAction.On => bmc.PowerOnAsync(cancellationToken),
            PowerAction.Off => bmc.PowerOffAsync(cancellationToken),
            _ => bmc.RestartAsync(cancellationToken),
        });
    }

    /// <summary>Logs out of every BMC session the drivers opened.</summary>
    public ValueTask DisposeAsync() => clients.DisposeAsync();

    private RedfishClient Client(MachineRef machine)
    {
        var server = machine.Server ?? throw new DriverException($"{machine} has no BMC in the inventory.");
        var endpoint = new RedfishEndpoint
        {
            // The address may name one system of a multi-system BMC (…/redfish/v1/Systems/2); the client reads it.
            BaseUri = server.Bmc.Address,
            UserName = server.Bmc.UserName,
            Password = server.Bmc.Password,
            Auth = server.Bmc.UseSession ? RedfishAuth.Session : RedfishAuth.Basic,
            CertificateSha256 = server.Bmc.CertificateSha256,
        };

        // Registration refuses these, but a server stored before that (an http:// address) must fail as a driver error.
        var errors = endpoint.Validate("bmc").ToList();
        return errors.Count == 0
            ? clients.For(endpoint)
            : throw new DriverException($"{machine}'s BMC cannot be used: {string.Join(" ", errors.Select(e => e.Message))} Correct it in the inventory.");
    }

    private static async Task Run(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RedfishException e)
        {
            throw new DriverException(e.Message, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Machine} set to boot the image writer once ({Technology}) and restarted")]
    private partial void LogBooted(string machine, PlatformTechnology technology);
}
