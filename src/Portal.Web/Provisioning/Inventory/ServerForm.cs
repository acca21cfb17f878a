using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Validation;

namespace Portal.Web.Provisioning.Inventory;

/// <summary>
/// The "Add server" / "Edit server" form: the fields of a <see cref="ServerInput"/> as the dialog binds them, with
/// the disks and NICs as small editable lists. It turns into the same input the API takes, and sorts a refusal's
/// errors to the fields they concern. The stored BMC password never comes into the form: on an edit the password
/// field starts empty, and left empty it keeps the stored one.
/// </summary>
public sealed class ServerForm
{
    public const string NameKey = "name";
    public const string PlatformKey = "platformId";
    public const string CpuCoresKey = "facts.cpuCores";
    public const string MemoryKey = "facts.memory";
    public const string DisksKey = "facts.disks";
    public const string NicsKey = "facts.nics";
    public const string BmcAddressKey = "bmc.address";
    public const string BmcUserNameKey = "bmc.userName";
    public const string BmcPasswordKey = "bmc.password";
    public const string CertificateKey = "bmc.certificateSha256";

    private static readonly string[] FieldKeys =
        [NameKey, PlatformKey, CpuCoresKey, MemoryKey, DisksKey, NicsKey, BmcAddressKey, BmcUserNameKey, BmcPasswordKey, CertificateKey];

    private readonly List<DiskField> disks = [];
    private readonly List<NicField> nics = [];

    /// <summary>A form for a new server, offering the physical pools among <paramref name="platforms"/>.</summary>
    public ServerForm(IEnumerable<Platform> platforms)
    {
        Pools = platforms.Where(p => p.Kind == PlatformKind.Physical).OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
        disks.Add(new DiskField());
        nics.Add(new NicField { Name = "eno1" });
    }

    /// <summary>The id of the server being edited; null for a new one.</summary>
    public Guid? Id { get; private init; }

    public bool IsNew => Id is null;

    /// <summary>The platforms a server can join: the physical pools, by name.</summary>
    public IReadOnlyList<Platform> Pools { get; }

    public string Name { get; set; } = "";

    public Guid? PlatformId { get; set; }

    public int CpuCores { get; set; }

    public decimal MemoryGiB { get; set; }

    public IReadOnlyList<DiskField> Disks => disks;

    public IReadOnlyList<NicField> Nics => nics;

    public CpuArchitecture Architecture { get; set; } = CpuArchitecture.X86_64;

    public IReadOnlyCollection<FirmwareType> Firmware { get; set; } = [FirmwareType.Bios, FirmwareType.Uefi];

    public string? Rack { get; set; }

    public string BmcAddress { get; set; } = "";

    public string BmcUserName { get; set; } = "";

    /// <summary>What the admin typed; empty on an edit means "keep the stored password".</summary>
    public string? BmcPassword { get; set; }

    /// <summary>Session login (X-Auth-Token) rather than basic auth on every call.</summary>
    public bool BmcUseSession { get; set; } = true;

    public string? BmcCertificateSha256 { get; set; }

    public string PasswordHelp => IsNew
        ? "Stored encrypted and never shown again."
        : "Leave empty to keep the stored password; type one to replace it.";

    public FormErrors Errors { get; } = new();

    /// <summary>The form of a registered server. Its BMC password stays where it is: the field starts empty.</summary>
    public static ServerForm For(PhysicalServer server, IEnumerable<Platform> platforms)
    {
        var form = new ServerForm(platforms)
        {
            Id = server.Id,
            Name = server.Name,
            PlatformId = server.PlatformId,
            CpuCores = server.Facts.CpuCores,
            MemoryGiB = server.Facts.Memory.In(ResourceUnit.GiB).Value,
            Architecture = server.Facts.Architecture,
            Firmware = server.Facts.Firmware.ToList(),
            Rack = server.Rack,
            BmcAddress = server.Bmc.Address.OriginalString,
            BmcUserName = server.Bmc.UserName,
            BmcUseSession = server.Bmc.UseSession,
            BmcCertificateSha256 = server.Bmc.CertificateSha256,
        };
        form.disks.Clear();
        form.disks.AddRange(server.Facts.Disks.Select(d => new DiskField { SizeGiB = d.In(ResourceUnit.GiB).Value }));
        form.nics.Clear();
        form.nics.AddRange(server.Facts.Nics.Select(n => new NicField { Name = n.Name, MacAddress = n.MacAddress, SpeedMbps = n.SpeedMbps }));
        return form;
    }

    /// <summary>A new disk the size of the last one (servers mostly have pairs), else empty.</summary>
    public void AddDisk() => disks.Add(new DiskField { SizeGiB = disks.LastOrDefault()?.SizeGiB ?? 0 });

    public void RemoveDisk(DiskField disk) => disks.Remove(disk);

    /// <summary>A new NIC named after the ones before it (eno1, eno2…), its MAC still to fill in.</summary>
    public void AddNic() => nics.Add(new NicField { Name = $"eno{nics.Count + 1}" });

    /// <summary>Removes a NIC; errors about NICs by position no longer point at the right rows, so they go.</summary>
    public void RemoveNic(NicField nic)
    {
        if (nics.Remove(nic))
        {
            Errors.Forget(key => key.StartsWith($"{NicsKey}[", StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The key a refusal names the MAC of the NIC at <paramref name="index"/> by: <c>facts.nics[0].macAddress</c>.</summary>
    public static string MacKey(int index) => $"{NicsKey}[{index}].macAddress";

    /// <summary>
    /// What the form can tell before anything is saved: the registration takes any certificate pin, but the BMC
    /// driver only a SHA-256 in hex, so a mistyped pin would only show when a deployment first reaches the BMC.
    /// </summary>
    public IReadOnlyList<ValidationError> Check()
    {
        var errors = new List<ValidationError>();
        if (!string.IsNullOrWhiteSpace(BmcCertificateSha256) && !IsSha256(BmcCertificateSha256))
        {
            errors.Add(new(CertificateKey, "A certificate pin is the SHA-256 of the BMC's certificate: 64 hexadecimal characters (colons between bytes are allowed)."));
        }

        return errors;
    }

    public ServerInput ToInput() => new()
    {
        Name = Name ?? "",
        PlatformId = PlatformId ?? Guid.Empty,
        CpuCores = CpuCores,
        MemoryGiB = MemoryGiB,
        DisksGiB = disks.Select(d => d.SizeGiB).ToList(),
        Nics = nics.Select(n => new NetworkPort((n.Name ?? "").Trim(), n.MacAddress ?? "", n.SpeedMbps)).ToList(),
        Architecture = Architecture,
        Firmware = Firmware.Distinct().ToList(),
        Rack = Rack,
        // An address that is no absolute URL goes as none, and the registration says what one looks like.
        BmcAddress = Uri.TryCreate((BmcAddress ?? "").Trim(), UriKind.Absolute, out var address) ? address : null,
        BmcUserName = BmcUserName ?? "",
        BmcPassword = string.IsNullOrEmpty(BmcPassword) ? null : BmcPassword,
        BmcUseSession = BmcUseSession,
        BmcCertificateSha256 = string.IsNullOrWhiteSpace(BmcCertificateSha256) ? null : BmcCertificateSha256.Trim(),
    };

    /// <summary>The errors no field shows (an unknown id, anything unexpected): the dialog shows them above the fields.</summary>
    public IReadOnlyList<string> OtherErrors => Errors.Except(FieldKeys.Concat(nics.Select((_, i) => MacKey(i))));

    private static bool IsSha256(string text)
    {
        var hex = text.Replace(":", "", StringComparison.Ordinal).Trim();
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit);
    }
}
