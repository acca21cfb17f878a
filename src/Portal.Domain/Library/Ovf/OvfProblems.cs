using System.Xml;
using System.Xml.Linq;
using Portal.Domain.Validation;

namespace Portal.Domain.Library.Ovf;

/// <summary>
/// Collects what is wrong with a descriptor, each message naming the element and its line, so an
/// administrator can fix the file in an editor; reading goes on after a problem so one pass reports them all.
/// </summary>
internal sealed class OvfProblems
{
    private readonly List<ValidationError> errors = [];

    public IReadOnlyList<ValidationError> Errors => errors;

    public bool Any => errors.Count > 0;

    public void Add(XObject? at, string message)
    {
        var element = at as XElement ?? at?.Parent;
        var field = element is null ? "ovf" : $"ovf.{element.Name.LocalName}";
        errors.Add(new ValidationError(field, at is null ? message : $"{Describe(at)}: {message}"));
    }

    /// <summary>"&lt;rasd:AllocationUnits&gt; (line 42)", or "ovf:capacity of &lt;Disk&gt; (line 7)" for an attribute.</summary>
    public static string Describe(XObject at)
    {
        var line = ((IXmlLineInfo)at).HasLineInfo() ? $" (line {((IXmlLineInfo)at).LineNumber})" : "";
        return at switch
        {
            XAttribute attribute when attribute.Parent is { } owner => $"{QualifiedName(owner, attribute.Name, isElement: false)} of <{QualifiedName(owner, owner.Name, isElement: true)}>{line}",
            XElement element => $"<{QualifiedName(element, element.Name, isElement: true)}>{line}",
            _ => $"the descriptor{line}",
        };
    }

    /// <summary>The name as the file spells it, so it can be searched for: unprefixed where the default namespace applies.</summary>
    private static string QualifiedName(XElement scope, XName name, bool isElement)
    {
        var prefix = name.Namespace == XNamespace.None || (isElement && name.Namespace == scope.GetDefaultNamespace())
            ? null
            : scope.GetPrefixOfNamespace(name.Namespace);
        return string.IsNullOrEmpty(prefix) ? name.LocalName : $"{prefix}:{name.LocalName}";
    }
}
