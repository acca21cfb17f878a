using Portal.Domain.Quotas;
using Portal.Domain.Security;
using Portal.Provisioning.Quotas;

namespace Portal.Web.Quotas;

/// <summary>
/// The demo's quota (<c>Portal:Seed:DemoQuotas</c>): requesters may hold 10 servers, 32 vCPU, 64 GiB of memory and 2
/// physical servers, so the demo shows quotas at work. Set once: a quota an admin changed or removed later stays so
/// as long as the role has one; a removed one comes back on the next start.
/// </summary>
public sealed class QuotaSeeder(IQuotaStore store)
{
    public static QuotaLimits RequesterDefault { get; } = new(Servers: 10, Vcpus: 32, MemoryGiB: 64, PhysicalServers: 2);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var requester = QuotaSubject.Role(PortalRoles.Requester);
        if (await store.FindAsync(requester, cancellationToken) is null)
        {
            await store.SaveAsync(requester, RequesterDefault, "demo data", cancellationToken);
        }
    }
}
