using System.Xml.Linq;
using Portal.Workflows.Definitions;
using Portal.Workflows.Interchange.Bpmn;
using Portal.Workflows.Tests.Definitions;
using static Portal.Workflows.Tests.Runtime.Flow;

namespace Portal.Workflows.Tests.Bpmn;

public sealed class BpmnExportTests
{
    private static readonly XNamespace Bpmn = BpmnExport.Model;
    private static readonly XNamespace Portal = BpmnExport.Portal;

    public static TheoryData<string> ShippedDefinitions => new(
        Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "workflows"), "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    private static readonly WorkflowDefinition EveryKind = Define(
        [
            Node("start", "Start"), Node("approve", "UserTask", Lit("role", "Approver")), Node("decide", "Decision", Js("condition", "true")),
            Node("pick", "Switch"), Node("fork", "Fork"), Node("pause", "Delay", Lit("duration", "00:05:00")), Node("wait", "Delay", Lit("duration", 90)),
            Node("join", "Join"), Node("count", "SetVariable", Lit("variable", "n"), Js("value", "1")), Node("end", "End"),
        ],
        [
            C("start", "approve"), C("approve", "decide", "Approved"), C("approve", "end", "Rejected"), C("decide", "pick", "True"), C("decide", "end", "False"),
            C("pick", "fork", "Small"), C("fork", "pause"), C("fork", "wait"), C("pause", "join"), C("wait", "join"), C("join", "count"), C("count", "end"),
        ]);

    private static XElement Element(XDocument document, string activityId) =>
        document.Descendants().Single(e => (string?)e.Attribute(Portal + "activityId") == activityId);

    [Theory]
    [MemberData(nameof(ShippedDefinitions))]
    public void Every_shipped_definition_exports_BPMN_that_the_official_schemas_accept_with_a_shape_and_edge_for_everything(string file)
    {
        var definition = WorkflowDefinitionJson.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "workflows", file))).Value;

        var document = XDocument.Parse(BpmnExport.Write(definition, 3));

        Assert.Empty(BpmnSchemas.Validate(document));
        var process = document.Root!.Element(Bpmn + "process")!;
        var flowNodes = process.Elements().Where(e => e.Attribute(Portal + "activityId") is not null).ToList();
        Assert.Equal(definition.Activities.Select(a => a.Id), flowNodes.Select(e => (string)e.Attribute(Portal + "activityId")!));
        var flows = process.Elements(Bpmn + "sequenceFlow").ToList();
        Assert.Equal(definition.Connections.Count, flows.Count);
        var plane = document.Descendants(BpmnExport.BpmnDi + "BPMNPlane").Single();
        Assert.Equal(flowNodes.Select(e => (string)e.Attribute("id")!).Order(StringComparer.Ordinal),
            plane.Elements(BpmnExport.BpmnDi + "BPMNShape").Select(s => (string)s.Attribute("bpmnElement")!).Order(StringComparer.Ordinal));
        Assert.Equal(flows.Select(e => (string)e.Attribute("id")!),
            plane.Elements(BpmnExport.BpmnDi + "BPMNEdge").Select(s => (string)s.Attribute("bpmnElement")!));
        Assert.All(plane.Elements(BpmnExport.BpmnDi + "BPMNEdge"), edge => Assert.Equal(2, edge.Elements(BpmnExport.Di + "waypoint").Count()));
    }

    [Fact]
    public void Each_activity_kind_maps_to_its_BPMN_element_and_others_are_service_tasks_carrying_their_type()
    {
        var document = BpmnExport.Export(EveryKind, 1);

        Assert.Empty(BpmnSchemas.Validate(document));
        Assert.Equal(Bpmn + "startEvent", Element(document, "start").Name);
        Assert.Equal(Bpmn + "userTask", Element(document, "approve").Name);
        Assert.Equal(Bpmn + "exclusiveGateway", Element(document, "decide").Name);
        Assert.Equal(Bpmn + "exclusiveGateway", Element(document, "pick").Name);
        Assert.Equal(Bpmn + "parallelGateway", Element(document, "fork").Name);
        Assert.Equal(Bpmn + "parallelGateway", Element(document, "join").Name);
        Assert.Equal(Bpmn + "endEvent", Element(document, "end").Name);
        var count = Element(document, "count");
        Assert.Equal(Bpmn + "serviceTask", count.Name);
        Assert.Equal("SetVariable", (string)count.Attribute(Portal + "activityType")!);
        var pause = Element(document, "pause");
        Assert.Equal(Bpmn + "intermediateCatchEvent", pause.Name);
        Assert.Equal("PT5M", (string)pause.Element(Bpmn + "timerEventDefinition")!.Element(Bpmn + "timeDuration")!);
        Assert.Equal("PT1M30S", (string)Element(document, "wait").Element(Bpmn + "timerEventDefinition")!.Element(Bpmn + "timeDuration")!);
    }

    [Fact]
    public void Connections_become_sequence_flows_named_for_their_outcome_between_the_right_nodes()
    {
        var document = BpmnExport.Export(EveryKind, 1);
        var ids = document.Descendants().Where(e => e.Attribute(Portal + "activityId") is not null)
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute(Portal + "activityId")!);

        var flows = document.Root!.Element(Bpmn + "process")!.Elements(Bpmn + "sequenceFlow")
            .Select(f => new Connection(ids[(string)f.Attribute("sourceRef")!], (string)f.Attribute(Portal + "outcome")!, ids[(string)f.Attribute("targetRef")!]));

        Assert.Equal(EveryKind.Connections, flows);
        var rejected = document.Descendants(Bpmn + "sequenceFlow").Single(f => (string?)f.Attribute(Portal + "outcome") == "Rejected");
        Assert.Equal("Rejected", (string)rejected.Attribute("name")!);
        var approve = Element(document, "approve");
        Assert.Equal(2, approve.Elements(Bpmn + "outgoing").Count());
        Assert.Single(approve.Elements(Bpmn + "incoming"));
    }

    [Fact]
    public void Shapes_sit_where_the_designer_drew_the_activities()
    {
        var placed = EveryKind with { Activities = [.. EveryKind.Activities.Select((a, i) => a with { Position = new Position(300 * i, 40) })] };

        var document = BpmnExport.Export(placed, 1);

        var shape = document.Descendants(BpmnExport.BpmnDi + "BPMNShape").Single(s => (string?)s.Attribute("bpmnElement") == (string)Element(document, "count").Attribute("id")!);
        var bounds = shape.Element(BpmnExport.Dc + "Bounds")!;
        // The designer's 220×90 box at (2400, 40) holds the 100×80 task in its middle.
        Assert.Equal(("2460", "45", "100", "80"), ((string)bounds.Attribute("x")!, (string)bounds.Attribute("y")!, (string)bounds.Attribute("width")!, (string)bounds.Attribute("height")!));
    }

    [Fact]
    public void A_draft_with_a_repeated_id_and_a_dangling_connection_still_exports_valid_BPMN()
    {
        var draft = Define([Node("start", "Start"), Node("a", "Log"), Node("a", "Log"), Node("Activity_a_2", "Log")], [C("start", "a"), C("a", "nowhere")]);

        var document = BpmnExport.Export(draft, 0);

        Assert.Empty(BpmnSchemas.Validate(document));
        Assert.Single(document.Descendants(Bpmn + "sequenceFlow"));
    }

    [Fact]
    public void The_schema_check_does_catch_a_broken_document()
    {
        var document = BpmnExport.Export(EveryKind, 1);
        document.Descendants(Bpmn + "sequenceFlow").First().Attribute("sourceRef")!.Remove();
        document.Descendants(Bpmn + "userTask").Single().Add(new XElement(Bpmn + "notInBpmn"));

        Assert.Equal(2, BpmnSchemas.Validate(document).Count);
    }
}
