using System.ComponentModel.DataAnnotations;

namespace Portal.Provisioning.Boot;

/// <summary>Settings under <c>Portal:Boot</c>: network boot of the image writer and its call-back tokens.</summary>
public sealed class BootOptions : IValidatableObject
{
    public const string Section = "Portal:Boot";

    /// <summary>Base64 of at least 32 random bytes: the HMAC key of deployment tokens. Every node needs the same key.</summary>
    [Required]
    public string TokenKey { get; set; } = string.Empty;

    /// <summary>How long a token in a boot script stays valid: long enough for the writer to write the largest image.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The portal's URL as the booting machine reaches it; call-backs go to {this}/api/boot/{token}/callback.</summary>
    [Required]
    public Uri? PortalBaseUrl { get; set; }

    /// <summary>The image writer's Linux kernel.</summary>
    [Required]
    public Uri? ImageWriterKernelUrl { get; set; }

    /// <summary>The image writer's initrd.</summary>
    [Required]
    public Uri? ImageWriterInitrdUrl { get; set; }

    /// <summary>One console= argument each, so the writer's progress shows on screen and on the BMC's serial console.</summary>
    public List<string> Consoles { get; set; } = ["tty0", "ttyS0,115200n8"];

    /// <summary>How long a failed boot waits, with its error on screen, before the machine reboots to try again.</summary>
    [Range(5, 3600)]
    public int RetryDelaySeconds { get; set; } = 30;

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DecodeKey(TokenKey) is null)
        {
            yield return new($"{nameof(TokenKey)} must be base64 of at least {BootTokens.MinimumKeyBytes} bytes.", [nameof(TokenKey)]);
        }

        foreach (var (name, url) in new[]
                 {
                     (nameof(PortalBaseUrl), PortalBaseUrl),
                     (nameof(ImageWriterKernelUrl), ImageWriterKernelUrl),
                     (nameof(ImageWriterInitrdUrl), ImageWriterInitrdUrl),
                 })
        {
            if (url is not null && IpxeText.CheckUrl(url) is { } problem)
            {
                yield return new($"{name}: {problem}", [name]);
            }
        }

        foreach (var console in Consoles)
        {
            if (!IpxeText.IsSafeWord(console))
            {
                yield return new($"The console \"{console}\" may hold only letters, digits and , . _ : / -.", [nameof(Consoles)]);
            }
        }
    }

    /// <summary>The key's bytes, or null when it is not base64 or too short.</summary>
    internal static byte[]? DecodeKey(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var key = Convert.FromBase64String(text.Trim());
            return key.Length >= BootTokens.MinimumKeyBytes ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
