using Portal.Domain.Validation;

namespace Portal.Domain.Leases;

/// <summary>
/// How long a server may live and what happens around its end: the lease a request gets when it names none, the
/// longest lease (also the furthest an extension may reach, measured from the day it is asked), whether an extension
/// needs an approver, how many days before the end the owner is reminded, and how many days after the end the server
/// still lives (the grace period) before it is decommissioned.
/// </summary>
public sealed record LeaseTerms(int DefaultDays, int MaxDays, bool ExtensionNeedsApproval, int ReminderDays, int GraceDays)
{
    /// <summary>The longest lease any policy may allow: ten years.</summary>
    public const int LongestDays = 3650;

    public const int LongestReminderDays = 90;

    public const int LongestGraceDays = 90;

    /// <summary>What applies when an admin has set no policy at all: 30 days, at most 90, reminded 7 days before, 3 days of grace.</summary>
    public static LeaseTerms PortalDefault { get; } = new(30, 90, false, 7, 3);

    public TimeSpan Reminder => TimeSpan.FromDays(ReminderDays);

    public TimeSpan Grace => TimeSpan.FromDays(GraceDays);

    /// <summary>Field errors for terms an admin typed; none when they make sense.</summary>
    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (MaxDays is < 1 or > LongestDays)
        {
            errors.Add(new("maxDays", $"The longest lease is 1 to {LongestDays} days."));
        }

        if (DefaultDays < 1 || DefaultDays > Math.Max(1, MaxDays))
        {
            errors.Add(new("defaultDays", $"The default lease is 1 day to the longest lease ({MaxDays} days)."));
        }

        if (ReminderDays is < 1 or > LongestReminderDays)
        {
            errors.Add(new("reminderDays", $"Remind 1 to {LongestReminderDays} days before the end: nobody's server is decommissioned unannounced."));
        }

        if (GraceDays is < 0 or > LongestGraceDays)
        {
            errors.Add(new("graceDays", $"The grace period is 0 to {LongestGraceDays} days."));
        }

        return errors;
    }

    /// <summary>
    /// Both policies' limits at once, field by field: the shorter maximum and default, an approval if either asks for
    /// one, the shorter grace; the reminder comes at the earlier of the two (an earlier warning limits nobody).
    /// </summary>
    public LeaseTerms StricterWith(LeaseTerms other)
    {
        var max = Math.Min(MaxDays, other.MaxDays);
        return new LeaseTerms(
            Math.Min(Math.Min(DefaultDays, other.DefaultDays), max), max, ExtensionNeedsApproval || other.ExtensionNeedsApproval,
            Math.Max(ReminderDays, other.ReminderDays), Math.Min(GraceDays, other.GraceDays));
    }

    public override string ToString() =>
        $"default {DefaultDays} days, at most {MaxDays}, extension {(ExtensionNeedsApproval ? "approved by an approver" : "at once")}, reminder {ReminderDays} days before, grace {GraceDays} days";
}
