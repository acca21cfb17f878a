namespace Portal.Web.Account;

/// <summary>Where to go after signing in or out: a local path the visitor asked for, or home.</summary>
public static class LocalReturnUrl
{
    /// <summary>
    /// The rules of <c>IUrlHelper.IsLocalUrl</c>: a path that starts with one '/', not "//" or "/\" (which browsers
    /// read as another host), and no control characters. Anything else, absolute URLs included, goes home.
    /// </summary>
    public static string OrHome(string? returnUrl) => IsLocal(returnUrl) ? returnUrl! : "/";

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
