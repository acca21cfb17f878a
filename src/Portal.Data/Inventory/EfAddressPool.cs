using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Simulation;

namespace Portal.Data.Inventory;

/// <summary>
/// The simulated DHCP on the portal database: the next address is one past the highest ever leased in the subnet,
/// and the address is the key, so two nodes leasing at once cannot both take it (the loser takes the next one).
/// </summary>
public sealed class EfAddressPool(PortalDbContext db, TimeProvider clock) : IAddressPool
{
    private const int Attempts = 20;

    public async Task<string> LeaseAsync(Guid serverId, string subnet, CancellationToken cancellationToken)
    {
        var (network, size) = Parse(subnet);
        for (var attempt = 1; ; attempt++)
        {
            var leases = db.Set<AddressLeaseRecord>().AsNoTracking();
            if (await leases.Where(l => l.ServerId == serverId).Select(l => l.Address).FirstOrDefaultAsync(cancellationToken) is { } earlier)
            {
                return earlier;
            }

            var next = (await leases.Where(l => l.Subnet == subnet).MaxAsync(l => (long?)l.Offset, cancellationToken) ?? 0) + 1;
            if (next >= size - 1)
            {
                throw new DriverException($"The simulated subnet {subnet} has no address left that was never handed out.");
            }

            var value = network + next;
            var address = new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]).ToString();
            db.Set<AddressLeaseRecord>().Add(new AddressLeaseRecord { Address = address, Subnet = subnet, Offset = next, ServerId = serverId, LeasedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return address;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another node took this address (or this server got one) meanwhile: look again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static (long Network, long Size) Parse(string subnet)
    {
        var parts = subnet.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || !int.TryParse(parts[1], out var prefix) || prefix is < 8 or > 30)
        {
            throw new DriverException($"The simulated subnet '{subnet}' is not an IPv4 CIDR between /8 and /30.");
        }

        var bytes = address.GetAddressBytes();
        var value = ((long)bytes[0] << 24) | ((long)bytes[1] << 16) | ((long)bytes[2] << 8) | bytes[3];
        var size = 1L << (32 - prefix);
        return (value & ~(size - 1), size);
    }
}
