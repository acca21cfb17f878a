using Portal.Domain.Quotas;
using Portal.Domain.Requests;

namespace Portal.Domain.Tests.Quotas;

/// <summary>How a user's own quota and their roles' combine, and how a refusal reads.</summary>
public sealed class EffectiveQuotaTests
{
    private static readonly Dictionary<string, QuotaLimits> Roles = new()
    {
        ["Requester"] = new QuotaLimits(Servers: 10, Vcpus: 32, MemoryGiB: 64, PhysicalServers: 2),
        ["Approver"] = new QuotaLimits(Servers: 20),
    };

    [Fact]
    public void Without_an_own_quota_the_most_generous_role_limit_holds_per_dimension()
    {
        var quota = EffectiveQuota.Combine(null, Roles);

        Assert.Equal(new QuotaLimits(20, 32, 64, 2), quota.Limits);
        Assert.Equal("role Approver", quota.Sources[QuotaDimension.Servers]);
        Assert.Equal("role Requester", quota.Sources[QuotaDimension.Vcpus]);
    }

    [Fact]
    public void A_users_own_limit_wins_over_their_roles_even_when_lower_and_only_where_it_sets_one()
    {
        var quota = EffectiveQuota.Combine(new QuotaLimits(Vcpus: 8), Roles);

        Assert.Equal(new QuotaLimits(20, 8, 64, 2), quota.Limits);
        Assert.Equal(EffectiveQuota.OwnSource, quota.Sources[QuotaDimension.Vcpus]);
    }

    [Fact]
    public void No_quota_anywhere_limits_nothing()
    {
        var quota = EffectiveQuota.Combine(null, new Dictionary<string, QuotaLimits>());

        Assert.True(quota.Limits.IsEmpty);
        Assert.Empty(QuotaCheck.Refusals(quota, new QuotaAmounts(1000, 1000, 1_000_000, 1000), new QuotaAmounts(10, 100, 100_000, 10)));
    }

    [Fact]
    public void A_refusal_names_the_numbers_on_the_field_that_asked_too_much()
    {
        var quota = EffectiveQuota.Combine(new QuotaLimits(Vcpus: 16), new Dictionary<string, QuotaLimits>());
        var needed = QuotaAmounts.Of(RequestDemand.Of(2, 2, 4096, 40, physical: false));

        var refusal = Assert.Single(QuotaCheck.Refusals(quota, new QuotaAmounts(3, 14, 8192, 0), needed));

        Assert.Equal("hardware.Processor", refusal.Field);
        Assert.StartsWith("You have 14 of 16 vCPU; this request needs 4.", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_is_limited_in_GiB_and_counted_in_MiB()
    {
        var quota = EffectiveQuota.Combine(new QuotaLimits(MemoryGiB: 64), new Dictionary<string, QuotaLimits>());

        Assert.Empty(QuotaCheck.Refusals(quota, new QuotaAmounts(1, 1, 60 * 1024, 0), new QuotaAmounts(1, 1, 4 * 1024, 0)));
        var refusal = Assert.Single(QuotaCheck.Refusals(quota, new QuotaAmounts(1, 1, 60 * 1024 + 512, 0), new QuotaAmounts(1, 1, 4 * 1024, 0)));
        Assert.StartsWith("You have 60.5 of 64 GiB of memory; this request needs 4.", refusal.Message, StringComparison.Ordinal);
    }
}
