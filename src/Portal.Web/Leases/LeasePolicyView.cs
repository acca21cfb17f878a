using Portal.Domain.Leases;

namespace Portal.Web.Leases;

/// <summary>A lease policy: its scope (Default, Image, Role), subject (image id or role), what people read, its terms and who set it when.</summary>
public sealed record LeasePolicyView(string Scope, string Subject, string SubjectName, LeaseTermsView Terms, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public static LeasePolicyView Of(LeasePolicy policy) =>
        new(policy.Scope.ToString(), policy.Subject, policy.SubjectName, LeaseTermsView.Of(policy.Terms), policy.UpdatedBy, policy.UpdatedAt);
}
