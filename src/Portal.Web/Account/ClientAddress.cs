using System.Net;
using System.Net.Sockets;

namespace Portal.Web.Account;

/// <summary>The client address that sign-in limits and lockouts are counted against.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The connection's remote address (behind a proxy, whatever forwarded-headers handling the host trusts has made
    /// of it; a client cannot set it itself). IPv6 clients are counted per /64, the block one subscriber usually
    /// holds, or a single machine could cycle through addresses. No address (a Unix socket) counts as one client.
    /// </summary>
    public static string Of(HttpContext context) => Describe(context.Connection.RemoteIpAddress);

    public static string Describe(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
