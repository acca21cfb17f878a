using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Portal.Provisioning.Redfish;

/// <summary>
/// One <see cref="RedfishClient"/> per BMC endpoint, kept between operations so that its session is reused until
/// the BMC lets it expire (the client then logs in again once), instead of a login and a logout around every call:
/// BMCs allow only a few sessions and log each login. An endpoint whose credentials, pin or system changed gets a
/// new client; the old one is kept until <see cref="DisposeAsync"/>, since an operation may still be using it.
/// Disposing logs every session out.
/// </summary>
public sealed class RedfishClientPool(ILoggerFactory? loggers = null, TimeProvider? time = null) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (string Fingerprint, RedfishClient Client)> clients = new(StringComparer.Ordinal);
    private readonly List<RedfishClient> retired = [];
    private bool disposed;

    /// <summary>The client for the endpoint, created on first use. Throws <see cref="ArgumentException"/> for an invalid endpoint.</summary>
    public RedfishClient For(RedfishEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var key = $"{endpoint.BaseUri.AbsoluteUri}\n{endpoint.UserName}";
        var fingerprint = Fingerprint(endpoint);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (clients.TryGetValue(key, out var known))
            {
                if (known.Fingerprint == fingerprint)
                {
                    return known.Client;
                }

                retired.Add(known.Client);
            }

            var client = new RedfishClient(endpoint, (loggers ?? NullLoggerFactory.Instance).CreateLogger<RedfishClient>(), time);
            clients[key] = (fingerprint, client);
            return client;
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<RedfishClient> all;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            all = [.. clients.Values.Select(c => c.Client), .. retired];
            clients.Clear();
            retired.Clear();
        }

        foreach (var client in all)
        {
            await client.DisposeAsync();
        }
    }

    /// <summary>What makes two endpoints the same client; the password only as a hash, so the key never holds it.</summary>
    private static string Fingerprint(RedfishEndpoint endpoint) => string.Join('\n',
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint.Password.Reveal()))),
        endpoint.Auth,
        endpoint.CertificateSha256 ?? "",
        endpoint.SystemId ?? "",
        endpoint.Timeout,
        endpoint.TaskTimeout);
}
