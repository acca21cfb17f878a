namespace Portal.Provisioning.Boot;

/// <summary>
/// What may go into an iPXE script line and a Linux kernel command line. iPXE splits a line on whitespace,
/// expands ${...} in every token, ends a command at a token "||", "&amp;&amp;" or ";", and takes a token starting with
/// "#" as a comment; the kernel splits on whitespace and honours double quotes. So values are held to a small
/// alphabet with none of those characters: a URL in its percent-encoded form, everything else plain words.
/// Refusing is preferred over rewriting: a silently altered URL would fetch something else.
/// </summary>
internal static class IpxeText
{
    // RFC 3986 unreserved characters, the delimiters URLs need (including query strings of signed URLs), and '%'
    // for percent-encoding. Left out: $ (setting expansion), # (comment, fragment), ; and quotes and ( ) * ! —
    // none is needed by an image URL, and each means something to iPXE, the kernel or a shell in the writer.
    private const string UrlPunctuation = "-._~:/?[]@&=+,%";
    private const string WordPunctuation = ",._:/-";

    /// <summary>Null when the URL can go into a script as is; otherwise why not.</summary>
    public static string? CheckUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute http:// or https:// URL.";
        }

        if (url.UserInfo.Length > 0)
        {
            return "must not carry credentials: the boot script and the kernel command line are readable by anyone on the machine's network.";
        }

        if (url.Fragment.Length > 0)
        {
            return "must not have a fragment (#...): iPXE reads # as the start of a comment.";
        }

        var text = url.AbsoluteUri;
        var bad = text.FirstOrDefault(c => !char.IsAsciiLetterOrDigit(c) && !UrlPunctuation.Contains(c, StringComparison.Ordinal));
        return bad == default
            ? null
            : $"holds '{bad}' (in {text}), which iPXE or the kernel command line would interpret; percent-encode it.";
    }

    /// <summary>A URL already checked by <see cref="CheckUrl"/>, in the form that goes into the script.</summary>
    public static string Url(Uri url) =>
        CheckUrl(url) is { } problem ? throw new ArgumentException($"The URL {problem}", nameof(url)) : url.AbsoluteUri;

    /// <summary>Letters, digits and , . _ : / - only: safe as one token for iPXE, the kernel and a shell.</summary>
    public static bool IsSafeWord(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || WordPunctuation.Contains(c, StringComparison.Ordinal));
}
