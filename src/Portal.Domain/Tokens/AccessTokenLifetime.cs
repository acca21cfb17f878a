namespace Portal.Domain.Tokens;

/// <summary>
/// How long a new token may live. Every token expires: a token that never does outlives the reason it was made
/// (a script retired, a person moved on) and is the credential nobody remembers to revoke.
/// </summary>
public static class AccessTokenLifetime
{
    /// <summary>The longest a token may live, in days.</summary>
    public const int MaxDays = 365;

    /// <summary>The choices the profile page offers; the API takes any whole number of days up to <see cref="MaxDays"/>.</summary>
    public static IReadOnlyList<int> ChoicesInDays { get; } = [7, 30, 90, 365];

    /// <summary>The default choice.</summary>
    public const int DefaultDays = 30;

    /// <summary>The longest a token's name may be.</summary>
    public const int NameLength = 100;
}
