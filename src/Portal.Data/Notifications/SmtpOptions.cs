using System.ComponentModel.DataAnnotations;

namespace Portal.Data.Notifications;

/// <summary>
/// <c>Portal:Smtp</c>: where notification e-mail goes. Off while <see cref="Host"/> is empty (the default): then no
/// outbox row is written and nothing is sent. The password is write-only: never logged, never shown.
/// </summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Portal:Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>The sender address (e.g. <c>portal@example.com</c>); required when <see cref="Host"/> is set.</summary>
    public string? From { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>The portal's public address, so links in e-mail open it (relative links are sent as they are without it).</summary>
    public Uri? PortalUrl { get; set; }

    /// <summary>Give up on a message after this many failed tries (the row stays, with its last error).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How often the sender looks for due messages.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 10;

    /// <summary>The wait after a first failure; it doubles with each further one, up to an hour.</summary>
    [Range(1, 3600)]
    public int RetrySeconds { get; set; } = 30;

    /// <summary>How long one connection or command may take before the try counts as failed.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    /// <summary>When to try again after <paramref name="attempts"/> failures.</summary>
    public TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, RetrySeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20))));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && string.IsNullOrWhiteSpace(From))
        {
            yield return new ValidationResult($"{Section}:From is required when {Section}:Host is set.", [nameof(From)]);
        }

        if (!string.IsNullOrEmpty(Password) && string.IsNullOrWhiteSpace(User))
        {
            yield return new ValidationResult($"{Section}:User is required when a password is set.", [nameof(User)]);
        }

        if (PortalUrl is { IsAbsoluteUri: false })
        {
            yield return new ValidationResult($"{Section}:PortalUrl must be an absolute URL.", [nameof(PortalUrl)]);
        }
    }

    /// <summary>The link as an e-mail can carry it: absolute under <see cref="PortalUrl"/> when one is set.</summary>
    public string? AbsoluteLink(string? link) =>
        // Not Uri.TryCreate(Absolute): on Linux "/requests/1" is an absolute file URI.
        link is null || PortalUrl is null || link.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || link.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? link
            : new Uri(PortalUrl, link.TrimStart('/')).AbsoluteUri;
}
