namespace Portal.Web.Account;

/// <summary>The account an attempt names, normalised the way Identity looks names up, so "Admin@X " is "ADMIN@X".</summary>
public static class AccountName
{
    // Limits and lockouts keep one entry per name; a name longer than any real e-mail address is cut so that a
    // stranger cannot make those entries large.
    private const int MaxLength = 256;

    public static string? Normalize(string? submitted)
    {
        var trimmed = submitted?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var normalized = trimmed.ToUpperInvariant();
        return normalized.Length > MaxLength ? normalized[..MaxLength] : normalized;
    }
}
