using Portal.Domain.Library;

namespace Portal.Web.Library.Platforms;

/// <summary>A platform's connection settings as admins read them: the password only as whether one is stored.</summary>
public sealed record PlatformConnectionView(PlatformDriver Driver, string? Uri, string? UserName, bool PasswordSet, bool IpxeHasHttps)
{
    public static PlatformConnectionView Of(PlatformConnection connection) =>
        new(connection.Driver, connection.Uri, connection.UserName, connection.HasPassword, connection.IpxeHasHttps);
}
