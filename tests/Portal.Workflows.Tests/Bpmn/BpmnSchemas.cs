using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Portal.Workflows.Tests.Definitions;

namespace Portal.Workflows.Tests.Bpmn;

/// <summary>The official BPMN 2.0 schemas (see Schemas/README.md), loaded once, and validation against them.</summary>
internal static class BpmnSchemas
{
    private static readonly Lazy<XmlSchemaSet> Set = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.Add(null, Path.Combine(RepositoryRoot.Find(), "tests", "Portal.Workflows.Tests", "Bpmn", "Schemas", "BPMN20.xsd"));
        set.Compile();
        return set;
    });

    /// <summary>Every error and warning the schemas report for <paramref name="document"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(XDocument document)
    {
        var problems = new List<string>();
        // Reparsed from text so line numbers and the IDs/IDREFs are checked as a modeler reading the file would.
        var reparsed = XDocument.Parse(document.ToString(), LoadOptions.SetLineInfo);
        reparsed.Validate(Set.Value, (_, e) => problems.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}"), addSchemaInfo: false);
        return problems;
    }
}
