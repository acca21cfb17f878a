using System.Net;

namespace Portal.Web.Tests.Security;

/// <summary>
/// What one role gets from one route: a status, a redirect to the sign-in page or to access denied, or "hidden" — a page
/// that answers 200 or 404 without showing the resource (its marker is not in the body).
/// </summary>
public sealed record AuthorizationMatrixExpectation(string Token)
{
    public const string SignIn = "signin";
    public const string Denied = "denied";
    public const string Hidden = "hidden";

    /// <summary>Whether <paramref name="response"/> (with its body) is what this expectation says; null when it is, the difference otherwise.</summary>
    public string? Mismatch(HttpResponseMessage response, string body, string? marker)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        return Token switch
        {
            SignIn => response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase)
                ? null : $"expected a redirect to sign in, got {Describe(status, location)}",
            Denied => response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase)
                ? null : $"expected a redirect to access denied, got {Describe(status, location)}",
            Hidden => status is 200 or 404 && (marker is null || !body.Contains(marker, StringComparison.Ordinal))
                ? null : status is 200 or 404 ? $"LEAK: the body shows '{marker}'" : $"expected 200/404 without the resource, got {Describe(status, location)}",
            _ when int.TryParse(Token, out var expected) => status != expected
                ? $"expected {expected}, got {Describe(status, location)}"
                : expected == 200 && marker is not null && !body.Contains(marker, StringComparison.Ordinal)
                    ? $"expected 200 showing '{marker}', but it is not in the body"
                    : null,
            _ => $"unknown expectation '{Token}' in the table",
        };
    }

    private static string Describe(int status, string location) => location.Length > 0 ? $"{status} → {location}" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => Token;
}
