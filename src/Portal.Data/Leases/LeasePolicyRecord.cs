using Portal.Domain.Leases;

namespace Portal.Data.Leases;

public sealed class LeasePolicyRecord
{
    /// <summary>"default", "image:{id}" or "role:{name}" (<see cref="LeasePolicy.KeyOf"/>).</summary>
    public string Key { get; set; } = "";

    public LeasePolicyScope Scope { get; set; }

    public string Subject { get; set; } = "";

    public string SubjectName { get; set; } = "";

    public int DefaultDays { get; set; }

    public int MaxDays { get; set; }

    public bool ExtensionNeedsApproval { get; set; }

    public int ReminderDays { get; set; }

    public int GraceDays { get; set; }

    public string UpdatedBy { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}
