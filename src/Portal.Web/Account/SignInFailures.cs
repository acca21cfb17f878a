using Microsoft.Extensions.Options;

namespace Portal.Web.Account;

/// <summary>
/// Failed sign-ins counted per account and client address together: after
/// <see cref="AccountOptions.MaxFailedAccessAttempts"/> failures from one address, that address may not sign in to
/// that account for <see cref="AccountOptions.LockoutMinutes"/>, while the account's owner, elsewhere, still can.
/// A lock on the account itself would let any stranger who knows the admin's e-mail keep the admin out.
/// Held in memory: each node counts on its own, and a restart forgets (the rate limits bound what that gives away).
/// </summary>
public sealed class SignInFailures(TimeProvider clock, IOptions<AccountOptions> options)
{
    // Above this many entries, expired ones are dropped at the next failure.
    private const int PruneAbove = 10_000;

    private readonly Dictionary<(string Account, string Address), Entry> entries = [];
    private readonly Lock gate = new();

    public bool IsLockedOut(string account, string address)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            return entries.TryGetValue((account, address), out var entry) && entry.LockedUntil > now;
        }
    }

    /// <summary>Counts a failure; the one that reaches the limit starts the lockout and the count starts again.</summary>
    public void RecordFailure(string account, string address)
    {
        var now = clock.GetUtcNow();
        var lockout = TimeSpan.FromMinutes(options.Value.LockoutMinutes);
        lock (gate)
        {
            if (entries.Count > PruneAbove)
            {
                foreach (var expired in entries.Where(pair => pair.Value.ExpiresAt(lockout) <= now).Select(pair => pair.Key).ToList())
                {
                    entries.Remove(expired);
                }
            }

            var key = (account, address);
            var entry = entries.TryGetValue(key, out var found) && found.ExpiresAt(lockout) > now ? found : new Entry(0, now, null);
            var failures = entry.Failures + 1;
            entries[key] = failures >= options.Value.MaxFailedAccessAttempts
                ? new Entry(0, now, now + lockout)
                : entry with { Failures = failures, LastFailure = now };
        }
    }

    /// <summary>A successful sign-in forgets the failures from that address.</summary>
    public void Forget(string account, string address)
    {
        lock (gate)
        {
            entries.Remove((account, address));
        }
    }

    // Failures are forgotten a lockout's length after the last one, which bounds the memory; slow guessing that never
    // reaches the limit in that time is what the per-account rate limit caps.
    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset? LockedUntil)
    {
        public DateTimeOffset ExpiresAt(TimeSpan lockout) =>
            LockedUntil is { } until && until > LastFailure + lockout ? until : LastFailure + lockout;
    }
}
