using System.Security.Cryptography;
using System.Text;

namespace Portal.Provisioning.Drivers;

/// <summary>
/// The id of something a step creates (a converted artifact, a captured image, a successor deployment), derived
/// from the step's idempotency key: a re-delivered step computes the same id and finds what it made the first time.
/// </summary>
public static class KeyedGuid
{
    public static Guid For(string idempotencyKey) => new(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 16));
}
