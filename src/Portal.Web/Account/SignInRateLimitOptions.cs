using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Account;

/// <summary>
/// Settings under <c>Portal:Accounts:RateLimits</c>: how many sign-in (and registration, and token) attempts a
/// window admits. Every attempt counts, successful or not; a page view (GET) does not.
/// </summary>
public sealed class SignInRateLimitOptions
{
    public const string Section = AccountOptions.Section + ":RateLimits";

    /// <summary>Attempts from one client address in a window, whatever accounts they name.</summary>
    [Range(1, 1_000_000)]
    public int PerAddress { get; set; } = 10;

    /// <summary>Attempts at one account from one client address in a window.</summary>
    [Range(1, 1_000_000)]
    public int PerAccountPerAddress { get; set; } = 5;

    /// <summary>
    /// Attempts at one account from all addresses together in a window: the ceiling for a guesser spread over many
    /// addresses. Keep it well above <see cref="PerAccountPerAddress"/> so that one stranger cannot use it up.
    /// </summary>
    [Range(1, 1_000_000)]
    public int PerAccount { get; set; } = 30;

    /// <summary>The window, in seconds.</summary>
    [Range(1, 24 * 60 * 60)]
    public int WindowSeconds { get; set; } = 60;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
