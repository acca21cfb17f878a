using Portal.Domain.Leases;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Leases;

namespace Portal.Web.Leases;

/// <summary>What the admins' lease page shows: the leases of live servers ending within a week (or in their grace period), and the policies.</summary>
public sealed record LeasesOverview(IReadOnlyList<ExpiringLease> Expiring, IReadOnlyList<LeasePolicy> Policies)
{
    public const int MaxListed = 500;

    public static async Task<LeasesOverview> LoadAsync(IServiceProvider services, DateTimeOffset now, int days, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ILeaseStore>();
        var deployments = services.GetRequiredService<IDeploymentStore>();
        var leases = await store.EndingBeforeAsync(now + TimeSpan.FromDays(days), MaxListed, cancellationToken);
        var rows = new List<ExpiringLease>(leases.Count);
        foreach (var lease in leases)
        {
            rows.Add(new ExpiringLease(lease, (await deployments.FindServerAsync(lease.ServerId!.Value, cancellationToken))?.Status));
        }

        return new LeasesOverview(rows, await store.PoliciesAsync(cancellationToken));
    }
}
