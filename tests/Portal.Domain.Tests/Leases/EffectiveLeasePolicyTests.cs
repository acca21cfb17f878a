using Portal.Domain.Leases;

namespace Portal.Domain.Tests.Leases;

public sealed class EffectiveLeasePolicyTests
{
    private static readonly Guid Ubuntu = Guid.NewGuid();

    private static LeasePolicy Image(LeaseTerms terms) => new() { Scope = LeasePolicyScope.Image, Subject = Ubuntu.ToString(), SubjectName = "Ubuntu 24.04", Terms = terms };

    private static LeasePolicy Role(string role, LeaseTerms terms) => new() { Scope = LeasePolicyScope.Role, Subject = role, Terms = terms };

    [Fact]
    public void Without_any_policy_the_built_in_one_applies()
    {
        var effective = EffectiveLeasePolicy.Resolve([], Ubuntu, ["Requester"]);

        Assert.Equal(new LeaseTerms(30, 90, false, 7, 3), effective.Terms);
    }

    [Fact]
    public void An_image_and_a_role_policy_combine_into_the_stricter_of_each_field()
    {
        var effective = EffectiveLeasePolicy.Resolve(
            [Image(new LeaseTerms(20, 60, true, 5, 2)), Role("Requester", new LeaseTerms(30, 45, false, 7, 3))], Ubuntu, ["Requester"]);

        Assert.Equal(new LeaseTerms(20, 45, true, 7, 2), effective.Terms);
    }

    [Fact]
    public void Of_several_roles_the_most_generous_role_policy_counts_and_the_default_only_when_nothing_else_applies()
    {
        LeasePolicy[] policies =
        [
            new() { Scope = LeasePolicyScope.Default, Terms = new LeaseTerms(7, 14, true, 2, 1) },
            Role("Requester", new LeaseTerms(30, 45, false, 7, 3)),
            Role("Admin", new LeaseTerms(90, 365, false, 14, 7)),
        ];

        Assert.Equal(365, EffectiveLeasePolicy.Resolve(policies, Ubuntu, ["requester", "admin"]).Terms.MaxDays);
        Assert.Equal(14, EffectiveLeasePolicy.Resolve(policies, Ubuntu, ["Approver"]).Terms.MaxDays);
    }

    [Fact]
    public void Terms_that_make_no_sense_are_refused_field_by_field()
    {
        var errors = new LeaseTerms(120, 90, false, 0, -1).Validate();

        Assert.Equal(["defaultDays", "reminderDays", "graceDays"], errors.Select(e => e.Field).ToArray());
    }
}
