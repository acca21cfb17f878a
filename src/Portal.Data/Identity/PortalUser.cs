using Microsoft.AspNetCore.Identity;

namespace Portal.Data.Identity;

/// <summary>A person who signs in to the portal. The e-mail address is the user name.</summary>
public sealed class PortalUser : IdentityUser
{
    /// <summary>The name shown in the app bar and on requests; falls back to the e-mail address.</summary>
    [PersonalData]
    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
