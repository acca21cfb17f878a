namespace Portal.Web.Account;

/// <summary>Claims the portal adds to Identity's own when a user signs in.</summary>
public static class PortalClaimTypes
{
    public const string DisplayName = "portal:display_name";
}
