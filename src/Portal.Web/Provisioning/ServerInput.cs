using Portal.Domain.Inventory;
using Portal.Domain.Library;

namespace Portal.Web.Provisioning;

/// <summary>A physical server as an admin registers it (API body and form). An empty BMC password on an edit keeps the stored one.</summary>
public sealed record ServerInput
{
    public string Name { get; init; } = "";

    public Guid PlatformId { get; init; }

    public int CpuCores { get; init; }

    public decimal MemoryGiB { get; init; }

    public IReadOnlyList<decimal> DisksGiB { get; init; } = [];

    public IReadOnlyList<NetworkPort> Nics { get; init; } = [];

    public CpuArchitecture Architecture { get; init; } = CpuArchitecture.X86_64;

    public IReadOnlyList<FirmwareType> Firmware { get; init; } = [FirmwareType.Bios, FirmwareType.Uefi];

    public string? Rack { get; init; }

    public Uri? BmcAddress { get; init; }

    public string BmcUserName { get; init; } = "";

    public string? BmcPassword { get; init; }

    public bool BmcUseSession { get; init; } = true;

    public string? BmcCertificateSha256 { get; init; }

    /// <summary>Never the BMC password: a record would print it, and inputs end up in logs.</summary>
    public override string ToString() => $"ServerInput {{ Name = {Name}, PlatformId = {PlatformId}, Bmc = {BmcAddress}, BmcPassword = {(string.IsNullOrEmpty(BmcPassword) ? "(keep)" : Portal.Domain.Library.SecretValue.Mask)} }}";
}
