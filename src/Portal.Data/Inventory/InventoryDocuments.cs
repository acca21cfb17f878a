using System.Text.Json;
using Portal.Data.Library;
using Portal.Domain.Inventory;
using Portal.Domain.Library;

namespace Portal.Data.Inventory;

/// <summary>
/// The JSON halves of inventory rows. The BMC password is not in here: it is a column of its own,
/// encrypted, so a document can be shown, logged or exported without it.
/// </summary>
internal static class InventoryDocuments
{
    public static string Write(PhysicalServer server) => JsonSerializer.Serialize(
        new ServerDocument(server.Facts, server.Bmc.Address, server.Bmc.UserName, server.Bmc.UseSession, server.Bmc.CertificateSha256, server.BootTechnology, server.Rack),
        LibraryJson.Options);

    public static PhysicalServer Read(PhysicalServerRecord record, SecretValue password)
    {
        var document = JsonSerializer.Deserialize<ServerDocument>(record.Document, LibraryJson.Options)
            ?? throw new InvalidDataException($"The document of server {record.Name} is empty.");
        return new PhysicalServer
        {
            Id = record.Id,
            Name = record.Name,
            PlatformId = record.PlatformId,
            State = record.State,
            ReservationId = record.ReservationId,
            StateReason = record.StateReason,
            Facts = document.Facts,
            BootTechnology = document.BootTechnology,
            Rack = document.Rack,
            Bmc = new BmcEndpoint
            {
                Address = document.BmcAddress,
                UserName = document.BmcUser,
                Password = password,
                UseSession = document.UseSession,
                CertificateSha256 = document.CertificateSha256,
            },
        };
    }

    public static string Write(HypervisorHost host) => JsonSerializer.Serialize(
        new HostDocument(host.Connection, host.Capacity, host.AcceptedFormats, host.Architecture), LibraryJson.Options);

    public static HypervisorHost Read(HypervisorHostRecord record)
    {
        var document = JsonSerializer.Deserialize<HostDocument>(record.Document, LibraryJson.Options)
            ?? throw new InvalidDataException($"The document of host {record.Name} is empty.");
        return new HypervisorHost
        {
            Id = record.Id,
            Name = record.Name,
            PlatformId = record.PlatformId,
            Hypervisor = record.Hypervisor,
            InMaintenance = record.InMaintenance,
            Connection = document.Connection,
            Capacity = document.Capacity,
            AcceptedFormats = document.AcceptedFormats,
            Architecture = document.Architecture,
            Allocated = new HostUsage(record.AllocatedVcpus, record.AllocatedMemoryMiB, record.AllocatedStorageGiB),
        };
    }

    public static Reservation Read(ReservationRecord r) => new()
    {
        Id = r.Id,
        Key = r.Key,
        DeploymentId = r.DeploymentId,
        Kind = r.Kind,
        ServerId = r.ServerId,
        HostId = r.HostId,
        Vcpus = r.Vcpus,
        MemoryMiB = r.MemoryMiB,
        StorageGiB = r.StorageGiB,
        CreatedAt = r.CreatedAt,
        ExpiresAt = r.ExpiresAt,
    };

    private sealed record ServerDocument(
        ServerFacts Facts, Uri BmcAddress, string BmcUser, bool UseSession, string? CertificateSha256, PlatformTechnology BootTechnology, string? Rack);

    private sealed record HostDocument(string Connection, HostCapacity Capacity, IReadOnlyList<DiskFormat> AcceptedFormats, CpuArchitecture Architecture);
}
