using System.Xml.Linq;

namespace Portal.Domain.Library.Ovf;

/// <summary>
/// Refuses control characters in a descriptor's names. XML 1.0 keeps most C0 controls out, but a line feed or tab
/// written as a character reference, DEL, the C1 controls and the Unicode line separators and bidirectional
/// overrides all parse; in a name they forge log lines, break table layouts or disguise what a name says.
/// Prose (descriptions, annotations, licences) may keep its line breaks and tabs, nothing else.
/// </summary>
public static class OvfText
{
    /// <summary>Elements whose text is prose, where line breaks and tabs are expected.</summary>
    private static readonly HashSet<string> Prose = new(StringComparer.Ordinal)
    {
        "Annotation", "Description", "Info", "License", "Label", "Category", "Msg",
    };

    /// <summary>True for a character that has no place in a name: controls, line/paragraph separators, bidi controls.</summary>
    public static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>True for a character that prose may not hold: like <see cref="IsUnsafe"/>, but tab and line breaks pass.</summary>
    public static bool IsUnsafeInProse(char c) => c is not ('\t' or '\n' or '\r') && IsUnsafe(c);

    /// <summary>
    /// Every attribute and leaf text of the OVF, CIM and portal elements (the ones the import reads names from):
    /// a problem for each value holding a control character. Vendor sections are not read, so not checked.
    /// </summary>
    internal static void Check(XElement envelope, OvfProblems problems)
    {
        var read = new HashSet<XNamespace>
        {
            envelope.Name.Namespace, OvfNamespaces.Rasd, OvfNamespaces.Sasd, OvfNamespaces.Epasd, OvfNamespaces.Vssd, OvfNamespaces.Portal,
        };
        foreach (var element in envelope.DescendantsAndSelf().Where(e => read.Contains(e.Name.Namespace)))
        {
            foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
            {
                if (attribute.Value.Trim().FirstOrDefault(IsUnsafe) is var c && c != default)
                {
                    problems.Add(attribute, $"holds the control character U+{(int)c:X4}; names and values may not.");
                }
            }

            if (!element.HasElements)
            {
                var prose = Prose.Contains(element.Name.LocalName);
                if (element.Value.Trim().FirstOrDefault(prose ? IsUnsafeInProse : IsUnsafe) is var c && c != default)
                {
                    problems.Add(element, $"holds the control character U+{(int)c:X4}; {(prose ? "text may break lines, nothing more" : "names and values may not")}.");
                }
            }
        }
    }
}
