using Portal.Domain.Library;

namespace Portal.Web.Library.Platforms;

/// <summary>Connection settings as written: the password is write-only (null or empty keeps the stored one; <see cref="ClearPassword"/> removes it).</summary>
public sealed record PlatformConnectionInput
{
    public PlatformDriver Driver { get; init; }

    public string? Uri { get; init; }

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public bool ClearPassword { get; init; }

    public bool IpxeHasHttps { get; init; }

    public PlatformConnection ToConnection() => new()
    {
        Driver = Driver,
        Uri = string.IsNullOrWhiteSpace(Uri) ? null : Uri.Trim(),
        UserName = string.IsNullOrWhiteSpace(UserName) ? null : UserName.Trim(),
        Password = new SecretValue(Password ?? ""),
        IpxeHasHttps = IpxeHasHttps,
    };
}
