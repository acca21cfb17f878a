using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Domain.Validation;

namespace Portal.Domain.Requests;

/// <summary>
/// Turns a name pattern into one host name per server: <c>web-{n}</c> gives web-1, web-2…; <c>web-{nn}</c> gives
/// web-01, web-02… (<c>{nnn}</c> three digits). One server may have a plain name. Every name must be a valid
/// host name, and several servers need the number in the pattern so that their names differ.
/// </summary>
public static partial class HostnamePattern
{
    public const string Field = "hostnamePattern";

    public static ValidationResult<IReadOnlyList<string>> Expand(string? pattern, int quantity, string field = Field)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return ValidationResult<IReadOnlyList<string>>.Failure(field, "Enter a host name, or a pattern such as web-{n} for several servers.");
        }

        pattern = pattern.Trim();
        var placeholders = Placeholder().Matches(pattern);
        var braces = pattern.Count(c => c is '{' or '}');
        if (braces != placeholders.Count * 2)
        {
            return ValidationResult<IReadOnlyList<string>>.Failure(field, "Only {n}, {nn} or {nnn} may stand in braces: the server's number, padded to 1, 2 or 3 digits.");
        }

        if (quantity > 1 && placeholders.Count == 0)
        {
            return ValidationResult<IReadOnlyList<string>>.Failure(field, $"{quantity} servers need {quantity} names: put {{n}} where the number goes, e.g. {pattern}-{{n}}.");
        }

        var names = Enumerable.Range(1, quantity)
            .Select(n => Placeholder().Replace(pattern, m => n.ToString(new string('0', m.Groups["digits"].Length), CultureInfo.InvariantCulture)))
            .ToList();
        var invalid = names.FirstOrDefault(name => !IsValidHostname(name));
        if (invalid is not null)
        {
            return ValidationResult<IReadOnlyList<string>>.Failure(field,
                $"'{invalid}' is not a valid host name: letters, digits and '-', not starting or ending with '-', at most 63 characters a label.");
        }

        return ValidationResult<IReadOnlyList<string>>.Success(names);
    }

    /// <summary>RFC 1123: dot-separated labels of letters, digits and inner hyphens, 1–63 characters each, 253 in all.</summary>
    public static bool IsValidHostname(string name) => ValidHostname().IsMatch(name);

    [GeneratedRegex(@"\{(?<digits>n{1,3})\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(?=.{1,253}\z)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\z")]
    private static partial Regex ValidHostname();
}
