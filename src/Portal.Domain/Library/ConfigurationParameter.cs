using System.Net;
using System.Text.RegularExpressions;
using Portal.Domain.Validation;

namespace Portal.Domain.Library;

/// <summary>
/// A value each deployment supplies (hostname, IP, admin password…). A secret is write-only: it has no
/// default that is shown or exported, and its value is never displayed back or logged.
/// </summary>
public sealed partial record ConfigurationParameter
{
    public required string Name { get; init; }

    public ParameterType Type { get; init; } = ParameterType.String;

    /// <summary>Used when the requester gives nothing. Secrets never carry one.</summary>
    public string? Default { get; init; }

    public bool Required { get; init; }

    /// <summary>A regular expression the whole value must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>
    /// What a form calls the parameter ("Host name"), instead of its name; optional, one line of at most
    /// <see cref="ParameterLabels.MaxLength"/> characters.
    /// </summary>
    public string? Label { get; init; }

    /// <summary>Help text shown with the field: what the value is for and what it looks like.</summary>
    public string? Description { get; init; }

    public bool IsSecret => Type == ParameterType.Secret;

    /// <summary>The label, or, for a parameter without one, its name as words ("adminPassword" → "Admin password").</summary>
    public string DisplayLabel => string.IsNullOrWhiteSpace(Label) ? ParameterLabels.FromName(Name) : Label;

    public IEnumerable<ValidationError> ValidateDefinition(string field)
    {
        if (string.IsNullOrWhiteSpace(Name) || !NamePattern().IsMatch(Name))
        {
            yield return new ValidationError($"{field}.name", "A parameter name is letters, digits, '.', '_' or '-', starting with a letter.");
        }

        if (Label is not null && ParameterLabels.ProblemWith(Label) is { } labelProblem)
        {
            yield return new ValidationError($"{field}.label", labelProblem);
        }

        if (IsSecret && Default is not null)
        {
            yield return new ValidationError($"{field}.default", "A secret cannot have a default: it would be shown to every requester.");
        }

        if (Pattern is not null && !IsValidPattern(Pattern))
        {
            yield return new ValidationError($"{field}.pattern", "The validation pattern is not a valid regular expression.");
        }

        if (Default is not null && !IsSecret)
        {
            foreach (var error in ValidateValue(Default, $"{field}.default"))
            {
                yield return error;
            }
        }
    }

    /// <summary>Checks one supplied value; the message never repeats the value (it may be a secret).</summary>
    public IEnumerable<ValidationError> ValidateValue(string value, string field)
    {
        var problem = Type switch
        {
            ParameterType.Int when !long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _)
                => "Enter a whole number.",
            ParameterType.Bool when !bool.TryParse(value, out _) => "Enter true or false.",
            ParameterType.Ip when !IPAddress.TryParse(value, out _) || !value.Contains('.', StringComparison.Ordinal) && !value.Contains(':', StringComparison.Ordinal)
                => "Enter an IPv4 or IPv6 address.",
            ParameterType.Hostname when !HostnamePattern().IsMatch(value)
                => "Enter a host name: letters, digits and '-', dot-separated labels of at most 63 characters.",
            _ => null,
        };
        if (problem is not null)
        {
            yield return new ValidationError(field, problem);
            yield break;
        }

        if (Pattern is not null && IsValidPattern(Pattern)
            && !Regex.IsMatch(value, $"^(?:{Pattern})\\z", RegexOptions.None, TimeSpan.FromMilliseconds(100)))
        {
            yield return new ValidationError(field, Description is null
                ? $"The value does not have the expected form ({Pattern})."
                : $"The value does not have the expected form: {Description}");
        }
    }

    private static bool IsValidPattern(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]*\\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(?=.{1,253}\z)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\z")]
    private static partial Regex HostnamePattern();
}
