using Portal.Data.Library;
using Portal.Domain.Audit;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Validation;
using Portal.Provisioning.Inventory;

namespace Portal.Web.Provisioning;

/// <summary>
/// Adding, editing and removing inventory: the API and the inventory page call this. A server joins a physical
/// pool and a host a virtual cluster; the platform's hypervisor becomes the host's. Every refusal comes back in one
/// pass, per field (the name's uniqueness and a new server's password once the rest holds); a server or host that
/// holds something cannot be removed.
/// </summary>
public sealed class InventoryRegistration(IInventoryStore inventory, ImageStore library, IAuditLog audit)
{
    public async Task<AdminOutcome<PhysicalServerView>> SaveServerAsync(Guid? id, ServerInput input, CancellationToken cancellationToken)
    {
        var existing = id is { } known ? await inventory.FindServerAsync(known, cancellationToken) : null;
        if (id is not null && existing is null)
        {
            return AdminOutcome<PhysicalServerView>.NotFound($"There is no server {id}.");
        }

        var errors = new List<ValidationError>();
        var platform = await PlatformAsync(input.PlatformId, PlatformKind.Physical, errors, cancellationToken);
        if (input.BmcAddress is null)
        {
            errors.Add(new("bmc.address", "The BMC address is an https URL, e.g. https://r640-01-idrac.lab."));
        }

        var server = new PhysicalServer
        {
            Id = existing?.Id ?? Guid.NewGuid(),
            Name = input.Name.Trim(),
            PlatformId = input.PlatformId,
            State = existing?.State ?? ServerState.Available,
            ReservationId = existing?.ReservationId,
            BootTechnology = platform?.Technology ?? PlatformTechnology.Pxe,
            Rack = string.IsNullOrWhiteSpace(input.Rack) ? null : input.Rack.Trim(),
            Facts = new ServerFacts
            {
                CpuCores = input.CpuCores,
                Memory = new Quantity(input.MemoryGiB, ResourceUnit.GiB),
                Disks = input.DisksGiB.Select(d => new Quantity(d, ResourceUnit.GiB)).ToList(),
                Nics = input.Nics.Select(n => n with { MacAddress = MacAddress.Normalize(n.MacAddress) }).ToList(),
                Architecture = input.Architecture,
                Firmware = input.Firmware,
            },
            Bmc = new BmcEndpoint
            {
                // A stand-in only while the missing address is reported, so every other field is checked in the same pass.
                Address = input.BmcAddress ?? new Uri("https://bmc.invalid"),
                UserName = input.BmcUserName.Trim(),
                Password = new SecretValue(input.BmcPassword ?? ""),
                UseSession = input.BmcUseSession,
                CertificateSha256 = string.IsNullOrWhiteSpace(input.BmcCertificateSha256) ? null : input.BmcCertificateSha256.Trim(),
            },
        };
        errors.AddRange(server.Validate().Where(e => !errors.Any(known => known.Field == e.Field)));
        if (errors.Count > 0)
        {
            return AdminOutcome<PhysicalServerView>.Refused(errors);
        }

        var saved = await audit.RecordWithAsync(
            new AuditEntry(AuditAction.InventoryChanged, AuditTarget.Server(server.Id, server.Name), existing is null ? $"Server added to {platform?.Name}." : "Server edited."),
            () => inventory.SaveServerAsync(server, cancellationToken), result => result.IsValid, cancellationToken);
        return saved.IsValid ? AdminOutcome<PhysicalServerView>.Done(PhysicalServerView.Of(saved.Value)) : AdminOutcome<PhysicalServerView>.Refused(saved.Errors);
    }

    public async Task<AdminOutcome<HypervisorHostView>> SaveHostAsync(Guid? id, HostInput input, CancellationToken cancellationToken)
    {
        var existing = id is { } known ? await inventory.FindHostAsync(known, cancellationToken) : null;
        if (id is not null && existing is null)
        {
            return AdminOutcome<HypervisorHostView>.NotFound($"There is no host {id}.");
        }

        var errors = new List<ValidationError>();
        var platform = await PlatformAsync(input.PlatformId, PlatformKind.Virtual, errors, cancellationToken);
        var host = new HypervisorHost
        {
            Id = existing?.Id ?? Guid.NewGuid(),
            Name = input.Name.Trim(),
            PlatformId = input.PlatformId,
            Hypervisor = platform?.Technology ?? PlatformTechnology.Kvm,
            // A host registered without a connection takes its libvirt platform's URI: the platform's default connection.
            Connection = string.IsNullOrWhiteSpace(input.Connection) && platform?.Connection is { Driver: PlatformDriver.Libvirt, Uri: { } uri }
                ? uri
                : input.Connection.Trim(),
            Capacity = new HostCapacity(input.PhysicalCpus, input.OvercommitRatio, input.MemoryGiB * 1024, input.StorageGiB),
            AcceptedFormats = input.AcceptedFormats,
            Architecture = input.Architecture,
            InMaintenance = existing?.InMaintenance ?? false,
        };
        errors.AddRange(host.Validate());
        if (errors.Count > 0)
        {
            return AdminOutcome<HypervisorHostView>.Refused(errors);
        }

        var saved = await audit.RecordWithAsync(
            new AuditEntry(AuditAction.InventoryChanged, AuditTarget.Host(host.Id, host.Name), existing is null ? $"Host added to {platform?.Name}." : "Host edited."),
            () => inventory.SaveHostAsync(host, cancellationToken), result => result.IsValid, cancellationToken);
        return saved.IsValid ? AdminOutcome<HypervisorHostView>.Done(HypervisorHostView.Of(saved.Value)) : AdminOutcome<HypervisorHostView>.Refused(saved.Errors);
    }

    /// <summary>Removes a server that holds nothing; the outcome carries its name.</summary>
    public async Task<AdminOutcome<string>> RemoveServerAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await inventory.FindServerAsync(id, cancellationToken) is not { } server)
        {
            return AdminOutcome<string>.NotFound($"There is no server {id}.");
        }

        return await audit.RecordWithAsync(
                new AuditEntry(AuditAction.InventoryChanged, AuditTarget.Server(id, server.Name), "Server removed."),
                () => inventory.RemoveServerAsync(id, cancellationToken), removed => removed, cancellationToken)
            ? AdminOutcome<string>.Done(server.Name)
            : AdminOutcome<string>.Refused([new ValidationError("state", $"{server.Name} is {DisplayNames.InSentence(server.State)} for a deployment: decommission its server first.")]);
    }

    public async Task<AdminOutcome<string>> RemoveHostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await inventory.FindHostAsync(id, cancellationToken) is not { } host)
        {
            return AdminOutcome<string>.NotFound($"There is no host {id}.");
        }

        return await audit.RecordWithAsync(
                new AuditEntry(AuditAction.InventoryChanged, AuditTarget.Host(id, host.Name), "Host removed."),
                () => inventory.RemoveHostAsync(id, cancellationToken), removed => removed, cancellationToken)
            ? AdminOutcome<string>.Done(host.Name)
            : AdminOutcome<string>.Refused([new ValidationError("allocated", $"{host.Name} still runs {host.Allocated.Vcpus} vCPU of deployments: decommission or migrate them first.")]);
    }

    private async Task<Platform?> PlatformAsync(Guid id, PlatformKind kind, List<ValidationError> errors, CancellationToken cancellationToken)
    {
        var platform = await library.FindPlatformAsync(id, cancellationToken);
        if (platform is null)
        {
            errors.Add(new("platformId", $"Choose the {(kind == PlatformKind.Physical ? "physical pool" : "virtual cluster")} it belongs to."));
        }
        else if (platform.Kind != kind)
        {
            errors.Add(new("platformId", $"{platform.Name} is a {DisplayNames.InSentence(platform.Kind)} platform; a {(kind == PlatformKind.Physical ? "server joins a physical pool" : "host joins a virtual cluster")}."));
        }

        return platform;
    }
}
