using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Portal.Domain.Library.Ovf;

/// <summary>
/// Turns ProductSection properties (what vApp options and VirtualBox's appliance settings call the values a
/// deployment fills in) into configuration parameters.
/// </summary>
internal static partial class OvfPropertyReader
{
    public static IReadOnlyList<ConfigurationParameter> Read(IEnumerable<XElement> productSections, XNamespace ovf, OvfProblems problems)
    {
        var parameters = new List<ConfigurationParameter>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in productSections)
        {
            var @class = (string?)section.Attribute(ovf + "class");
            var instance = (string?)section.Attribute(ovf + "instance");
            foreach (var property in section.Elements(ovf + "Property"))
            {
                var key = (string?)property.Attribute(ovf + "key");
                if (string.IsNullOrWhiteSpace(key))
                {
                    problems.Add(property, "The property has no ovf:key.");
                    continue;
                }

                // The spec's full name of a property in a classed section is class.key.instance.
                var fullKey = string.Join('.', new[] { @class, key, instance }.Where(p => !string.IsNullOrWhiteSpace(p)));
                parameters.Add(ReadProperty(property, ovf, key, Unique(Sanitise(fullKey), names), problems));
            }
        }

        return parameters;
    }

    private static ConfigurationParameter ReadProperty(XElement property, XNamespace ovf, string key, string name, OvfProblems problems)
    {
        var portal = OvfNamespaces.Portal;
        var isPassword = IsTrue(property.Attribute(ovf + "password"));
        var userConfigurable = IsTrue(property.Attribute(ovf + "userConfigurable"));
        var value = (string?)property.Attribute(ovf + "value");
        var ovfType = ((string?)property.Attribute(ovf + "type"))?.Trim() ?? "string";
        var qualifiers = (string?)property.Attribute(ovf + "qualifiers") ?? "";
        var label = ReadLabel(property.Element(ovf + "Label"), key, name, problems);
        var description = NonEmpty(property.Element(ovf + "Description")?.Value);

        ParameterType type;
        bool required;
        var generate = false;
        string? pattern;
        if (property.Attribute(portal + "type") is { } portalType
            && Enum.TryParse<ParameterType>(portalType.Value, ignoreCase: true, out var exact) && Enum.IsDefined(exact))
        {
            // Written by our exporter: the exact definition, not a guess from OVF's coarser vocabulary.
            type = exact;
            required = IsTrue(property.Attribute(portal + "required"));
            generate = type == ParameterType.Secret && IsTrue(property.Attribute(portal + "generate"));
            pattern = (string?)property.Attribute(portal + "pattern");
        }
        else
        {
            type = isPassword ? ParameterType.Secret : TypeOf(ovfType);
            required = MinimumLength(qualifiers) > 0;
            pattern = PatternOf(ovfType, qualifiers);
            if (!userConfigurable && !isPassword && !string.IsNullOrEmpty(value))
            {
                // The author fixed this value; the library has no "read-only" flag, so a pattern pins it instead.
                pattern = Regex.Escape(value);
            }
        }

        return new ConfigurationParameter
        {
            Name = name,
            Type = type,
            // A password's default would be shown to every requester; it is dropped, never kept.
            Default = type == ParameterType.Secret || string.IsNullOrEmpty(value) ? null : value,
            Required = required,
            Generate = generate,
            Pattern = pattern,
            Label = label,
            Description = description,
        };
    }

    /// <summary>
    /// Property/Label is an OVF Msg_Type: its text is the default-language caption, and an <c>ovf:msgid</c> only names
    /// translations in a Strings section, which the library does not keep. The text is read on one line, since
    /// pretty-printers wrap it; a label that merely repeats the key (as many producers, and our exports before labels
    /// existed, write it) says no more than the name and is dropped so the name is shown as words instead.
    /// </summary>
    private static string? ReadLabel(XElement? element, string key, string name, OvfProblems problems)
    {
        if (element is null || NonEmpty(Whitespace().Replace(element.Value, " ")) is not { } label
            || label == key.Trim() || label == name)
        {
            return null;
        }

        if (ParameterLabels.ProblemWith(label) is { } problem)
        {
            problems.Add(element, problem);
            return null;
        }

        return label;
    }

    private static ParameterType TypeOf(string ovfType) => ovfType.ToLowerInvariant() switch
    {
        "boolean" => ParameterType.Bool,
        var t when IntegerType().IsMatch(t) => ParameterType.Int,
        // real32/real64 become strings with a numeric pattern; anything unknown is at least a string.
        _ => ParameterType.String,
    };

    private static string? PatternOf(string ovfType, string qualifiers)
    {
        if (ovfType.StartsWith("real", StringComparison.OrdinalIgnoreCase))
        {
            return @"[-+]?[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?";
        }

        if (ValueMap().Match(qualifiers) is { Success: true } map)
        {
            var values = map.Groups["values"].Value.Split(',')
                .Select(v => v.Trim().Trim('"').Trim())
                .Where(v => v.Length > 0)
                .ToList();
            // Integer ranges ("1..10") are not simple alternatives; the type check still applies to them.
            if (values.Count > 0 && values.All(v => !v.Contains("..", StringComparison.Ordinal)))
            {
                return string.Join('|', values.Select(Regex.Escape));
            }
        }

        var min = MinimumLength(qualifiers);
        var max = Length(qualifiers, "MaxLen");
        return min is null && max is null ? null : $"[\\s\\S]{{{min ?? 0},{max?.ToString(CultureInfo.InvariantCulture) ?? ""}}}";
    }

    private static int? MinimumLength(string qualifiers) => Length(qualifiers, "MinLen");

    private static int? Length(string qualifiers, string name)
    {
        var match = Regex.Match(qualifiers, $@"\b{name}\s*\(\s*(\d+)\s*\)", RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>A parameter name is letters, digits, '.', '_' or '-', starting with a letter; keys like "vm ip" or "1st.nic" are not.</summary>
    private static string Sanitise(string key)
    {
        var name = InvalidNameCharacters().Replace(key.Trim(), "_");
        return char.IsAsciiLetter(name[0]) ? name : $"p{name}";
    }

    private static string Unique(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = $"{name}_{i}";
        }

        return candidate;
    }

    /// <summary>xs:boolean allows "1" as well as "true"; some producers capitalise it.</summary>
    private static bool IsTrue(XAttribute? attribute) =>
        attribute is not null && (attribute.Value.Trim() == "1" || string.Equals(attribute.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase));

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^(int|u?int(8|16|32|64)|sint(8|16|32|64))$")]
    private static partial Regex IntegerType();

    [GeneratedRegex(@"ValueMap\s*\{(?<values>[^}]*)\}", RegexOptions.IgnoreCase)]
    private static partial Regex ValueMap();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex InvalidNameCharacters();
}
