using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Validation;

namespace Portal.Web.Provisioning.Inventory;

/// <summary>
/// The "Add host" / "Edit host" form: the fields of a <see cref="HostInput"/> as the dialog binds them. It turns
/// into the same input the API takes, and sorts a refusal's errors to the fields they concern.
/// </summary>
public sealed class HostForm
{
    public const string NameKey = "name";
    public const string PlatformKey = "platformId";
    public const string ConnectionKey = "connection";
    public const string PhysicalCpusKey = "capacity.physicalCpus";
    public const string OvercommitKey = "capacity.overcommitRatio";
    public const string MemoryKey = "capacity.memoryMiB";
    public const string StorageKey = "capacity.storageGiB";
    public const string FormatsKey = "acceptedFormats";

    private static readonly string[] FieldKeys = [NameKey, PlatformKey, ConnectionKey, PhysicalCpusKey, OvercommitKey, MemoryKey, StorageKey, FormatsKey];

    /// <summary>A form for a new host, offering the virtual clusters among <paramref name="platforms"/>.</summary>
    public HostForm(IEnumerable<Platform> platforms) =>
        Clusters = platforms.Where(p => p.Kind == PlatformKind.Virtual).OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();

    /// <summary>The id of the host being edited; null for a new one.</summary>
    public Guid? Id { get; private init; }

    public bool IsNew => Id is null;

    /// <summary>The platforms a host can join: the virtual clusters, by name.</summary>
    public IReadOnlyList<Platform> Clusters { get; }

    public string Name { get; set; } = "";

    public Guid? PlatformId { get; private set; }

    public string Connection { get; set; } = "";

    public int PhysicalCpus { get; set; }

    public decimal OvercommitRatio { get; set; } = 4;

    public long MemoryGiB { get; set; }

    public long StorageGiB { get; set; }

    public IReadOnlyCollection<DiskFormat> AcceptedFormats { get; set; } = [DiskFormat.Qcow2, DiskFormat.Raw];

    public CpuArchitecture Architecture { get; set; } = CpuArchitecture.X86_64;

    /// <summary>"160 vCPUs for VMs": what the CPUs and the ratio come to.</summary>
    public string VcpuHelp => $"{(int)Math.Floor(PhysicalCpus * OvercommitRatio)} vCPUs for VMs; 1 means no overcommit.";

    /// <summary>"Hypervisor: KVM" once a cluster is chosen: the host takes its cluster's hypervisor.</summary>
    public string ClusterHelp => Clusters.FirstOrDefault(c => c.Id == PlatformId) is { } cluster
        ? $"Hypervisor: {DisplayNames.Of(cluster.Technology)}, the cluster's."
        : "The host takes the cluster's hypervisor.";

    public FormErrors Errors { get; } = new();

    public static HostForm For(HypervisorHost host, IEnumerable<Platform> platforms) => new(platforms)
    {
        Id = host.Id,
        Name = host.Name,
        PlatformId = host.PlatformId,
        Connection = host.Connection,
        PhysicalCpus = host.Capacity.PhysicalCpus,
        OvercommitRatio = host.Capacity.OvercommitRatio,
        MemoryGiB = host.Capacity.MemoryMiB / 1024,
        StorageGiB = host.Capacity.StorageGiB,
        AcceptedFormats = host.AcceptedFormats.ToList(),
        Architecture = host.Architecture,
    };

    /// <summary>
    /// Chooses the cluster. A new host starts out accepting the disk formats its cluster takes (a vSphere host
    /// vmdk, a Hyper-V host vhdx); an edited host keeps what it was given.
    /// </summary>
    public void ChangePlatform(Guid? id)
    {
        PlatformId = id;
        if (IsNew && Clusters.FirstOrDefault(c => c.Id == id) is { } cluster && cluster.Capabilities.DiskFormats.Count > 0)
        {
            AcceptedFormats = cluster.Capabilities.DiskFormats.ToList();
        }
    }

    public HostInput ToInput() => new()
    {
        Name = Name ?? "",
        PlatformId = PlatformId ?? Guid.Empty,
        Connection = Connection ?? "",
        PhysicalCpus = PhysicalCpus,
        OvercommitRatio = OvercommitRatio,
        MemoryGiB = MemoryGiB,
        StorageGiB = StorageGiB,
        AcceptedFormats = AcceptedFormats.Distinct().ToList(),
        Architecture = Architecture,
    };

    /// <summary>The errors no field shows (an unknown id, anything unexpected): the dialog shows them above the fields.</summary>
    public IReadOnlyList<string> OtherErrors => Errors.Except(FieldKeys);
}
