using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Tokens;

/// <summary>Settings under <c>Portal:Tokens</c>: how many API calls one personal access token may make in a window.</summary>
public sealed class AccessTokenOptions
{
    public const string Section = "Portal:Tokens";

    /// <summary>Calls one token may make in a window; the next is answered 429 with <c>Retry-After</c>.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerWindow { get; set; } = 300;

    /// <summary>The window, in seconds.</summary>
    [Range(1, 24 * 60 * 60)]
    public int WindowSeconds { get; set; } = 60;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
