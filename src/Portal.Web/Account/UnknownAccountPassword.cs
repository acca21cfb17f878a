using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Portal.Data.Identity;

namespace Portal.Web.Account;

/// <summary>
/// A password hash that belongs to nobody, made once with the portal's own hasher (same algorithm, same iteration
/// count). A sign-in that will fail without checking a real password (no such account, or one that may not sign in)
/// verifies against it, so that it takes as long as a wrong password and the time does not tell whether the account exists.
/// </summary>
public sealed class UnknownAccountPassword
{
    private static readonly PortalUser Nobody = new();

    private readonly Lock gate = new();
    private string? hash;

    /// <summary>Does the work of one password check and discards the result.</summary>
    public void Verify(IPasswordHasher<PortalUser> hasher, string password)
    {
        _ = hasher.VerifyHashedPassword(Nobody, HashFor(hasher), password);
    }

    private string HashFor(IPasswordHasher<PortalUser> hasher)
    {
        lock (gate)
        {
            return hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }
    }
}
