using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Library;

namespace Portal.Provisioning.Libvirt;

/// <summary>
/// The MAC addresses a VM's interfaces get: chosen by the portal, not libvirt, so the network configuration written
/// for the guest can match its interface by address, and a re-delivered create chooses the same ones.
/// </summary>
public static class MacAddresses
{
    /// <summary>
    /// One address per interface (an adapter of quantity N is N interfaces), derived from the create step's key:
    /// QEMU's locally administered prefix 52:54:00 and three bytes of the key's hash, different per interface.
    /// </summary>
    public static IReadOnlyList<string> For(string idempotencyKey, HardwareConfiguration hardware)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        var count = (int)hardware.OfType(ResourceType.NetworkAdapter).Where(a => !a.Amount.IsSize).Sum(a => a.Amount.Value);
        return Enumerable.Range(0, count).Select(i =>
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"portal:mac:{idempotencyKey}:{i}"));
            return $"52:54:00:{hash[0]:x2}:{hash[1]:x2}:{hash[2]:x2}";
        }).ToList();
    }
}
