using Portal.Domain.Quotas;

namespace Portal.Data.Quotas;

/// <summary>A quota an admin set for a role or a user; a null limit is no limit.</summary>
public sealed class QuotaRecord
{
    public QuotaSubjectKind SubjectKind { get; set; }

    /// <summary>The role's or user's name upper-cased, as Identity normalises names: what lookups compare.</summary>
    public string Key { get; set; } = "";

    /// <summary>The role's or user's name as shown.</summary>
    public string Name { get; set; } = "";

    public int? MaxServers { get; set; }

    public int? MaxVcpus { get; set; }

    public int? MaxMemoryGiB { get; set; }

    public int? MaxPhysicalServers { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}
