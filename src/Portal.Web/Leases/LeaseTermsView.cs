using Portal.Domain.Leases;

namespace Portal.Web.Leases;

/// <summary>Lease terms as the API shows and takes them (PUT /api/lease-policies/…).</summary>
public sealed record LeaseTermsView(int DefaultDays, int MaxDays, bool ExtensionNeedsApproval, int ReminderDays, int GraceDays)
{
    public static LeaseTermsView Of(LeaseTerms terms) => new(terms.DefaultDays, terms.MaxDays, terms.ExtensionNeedsApproval, terms.ReminderDays, terms.GraceDays);

    public LeaseTerms ToTerms() => new(DefaultDays, MaxDays, ExtensionNeedsApproval, ReminderDays, GraceDays);
}
