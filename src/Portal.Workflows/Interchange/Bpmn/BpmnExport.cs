using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Portal.Workflows.Definitions;
using Portal.Workflows.Layout;

namespace Portal.Workflows.Interchange.Bpmn;

/// <summary>
/// Writes a definition as BPMN 2.0 XML with diagram interchange (BPMNDI), so it opens in standard BPMN modelers.
/// UserTask becomes a userTask, Decision and Switch exclusive gateways, Fork and Join parallel gateways, Delay an
/// intermediate timer catch event, Start and End start and end events, and every other activity a serviceTask.
/// Every flow node carries its activity type and id as extension attributes in the portal's namespace; every
/// connection becomes a sequenceFlow named for its outcome (also kept as an attribute), with a BPMNEdge; every flow
/// node gets a BPMNShape, placed where the designer drew it, or by <see cref="FlowchartLayout"/> when it was not.
/// The output validates against the OMG BPMN 2.0 schemas (BPMN20.xsd with Semantic, BPMNDI, DC and DI).
/// </summary>
public static class BpmnExport
{
    public static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    public static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    public static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";

    /// <summary>The portal's own namespace for what BPMN has no place for (activity type, id, outcome).</summary>
    public static readonly XNamespace Portal = "urn:portal:workflow:bpmn:1";

    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private static readonly FlowchartLayoutOptions Layout = new();

    public static XDocument Export(WorkflowDefinition definition, int version)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var placed = FlowchartLayout.ArrangeIfNeeded(definition, Layout);
        var processId = $"Process_{definition.Id}";

        // Activity ids are unique in a valid definition; a draft may repeat one, and an XML id must not repeat. Every
        // kind of element has its own prefix (Activity_, Flow_, Shape_, Edge_, Timer_), so no two can meet.
        var nodes = new List<(ActivityNode Activity, string XmlId, BpmnKind Kind)>();
        var byActivity = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var activity in placed.Activities)
        {
            var xmlId = $"Activity_{activity.Id}";
            for (var n = 2; !taken.Add(xmlId); n++)
            {
                xmlId = $"Activity_{activity.Id}_{n}";
            }

            byActivity.TryAdd(activity.Id, xmlId);
            nodes.Add((activity, xmlId, KindOf(activity.Type)));
        }

        // A connection to or from an activity that does not exist cannot be drawn: it is left out.
        var flows = placed.Connections
            .Where(c => byActivity.ContainsKey(c.From) && byActivity.ContainsKey(c.To))
            .Select((c, i) => (Connection: c, XmlId: $"Flow_{i + 1}", Source: byActivity[c.From], Target: byActivity[c.To]))
            .ToList();

        var process = new XElement(Model + "process",
            new XAttribute("id", processId),
            new XAttribute("name", definition.Name),
            new XAttribute("isExecutable", "false"));
        if (!string.IsNullOrWhiteSpace(definition.Description))
        {
            process.Add(new XElement(Model + "documentation", definition.Description));
        }

        foreach (var (activity, xmlId, kind) in nodes)
        {
            process.Add(FlowNode(activity, xmlId, kind, flows.Where(f => f.Target == xmlId).Select(f => f.XmlId), flows.Where(f => f.Source == xmlId).Select(f => f.XmlId)));
        }

        foreach (var flow in flows)
        {
            process.Add(new XElement(Model + "sequenceFlow",
                new XAttribute("id", flow.XmlId),
                flow.Connection.Outcome == "Done" ? null : new XAttribute("name", flow.Connection.Outcome),
                new XAttribute("sourceRef", flow.Source),
                new XAttribute("targetRef", flow.Target),
                new XAttribute(Portal + "outcome", flow.Connection.Outcome)));
        }

        var bounds = nodes.ToDictionary(n => n.XmlId, n => Bounds(n.Activity.Position!, n.Kind), StringComparer.Ordinal);
        var plane = new XElement(BpmnDi + "BPMNPlane", new XAttribute("id", "Plane_1"), new XAttribute("bpmnElement", processId));
        foreach (var (_, xmlId, kind) in nodes)
        {
            var box = bounds[xmlId];
            plane.Add(new XElement(BpmnDi + "BPMNShape",
                new XAttribute("id", $"Shape_{xmlId}"),
                new XAttribute("bpmnElement", xmlId),
                kind is BpmnKind.ExclusiveGateway ? new XAttribute("isMarkerVisible", "true") : null,
                new XElement(Dc + "Bounds", Number("x", box.X), Number("y", box.Y), Number("width", box.Width), Number("height", box.Height))));
        }

        foreach (var flow in flows)
        {
            var (from, to) = (bounds[flow.Source], bounds[flow.Target]);
            plane.Add(new XElement(BpmnDi + "BPMNEdge",
                new XAttribute("id", $"Edge_{flow.XmlId}"),
                new XAttribute("bpmnElement", flow.XmlId),
                Waypoint(from.X + from.Width, from.Y + from.Height / 2),
                Waypoint(to.X, to.Y + to.Height / 2)));
        }

        return new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement(Model + "definitions",
                new XAttribute(XNamespace.Xmlns + "bpmn", Model),
                new XAttribute(XNamespace.Xmlns + "bpmndi", BpmnDi),
                new XAttribute(XNamespace.Xmlns + "dc", Dc),
                new XAttribute(XNamespace.Xmlns + "di", Di),
                new XAttribute(XNamespace.Xmlns + "portal", Portal),
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                new XAttribute("id", "Definitions_1"),
                new XAttribute("targetNamespace", $"urn:portal:workflow:{definition.Id}"),
                new XAttribute("exporter", "Portal"),
                new XAttribute("exporterVersion", "1"),
                new XAttribute(Portal + "definitionId", definition.Id),
                new XAttribute(Portal + "version", version.ToString(CultureInfo.InvariantCulture)),
                process,
                new XElement(BpmnDi + "BPMNDiagram", new XAttribute("id", "Diagram_1"), plane)));
    }

    /// <summary>The document as UTF-8 text with its declaration, indented.</summary>
    public static string Write(WorkflowDefinition definition, int version)
    {
        using var writer = new Utf8StringWriter();
        Export(definition, version).Save(writer);
        return writer.ToString();
    }

    internal static BpmnKind KindOf(string activityType) => activityType switch
    {
        "Start" => BpmnKind.StartEvent,
        "End" => BpmnKind.EndEvent,
        "UserTask" => BpmnKind.UserTask,
        "Decision" or "Switch" => BpmnKind.ExclusiveGateway,
        "Fork" or "Join" => BpmnKind.ParallelGateway,
        "Delay" => BpmnKind.TimerCatchEvent,
        _ => BpmnKind.ServiceTask,
    };

    private static XElement FlowNode(ActivityNode activity, string xmlId, BpmnKind kind, IEnumerable<string> incoming, IEnumerable<string> outgoing)
    {
        var name = kind switch
        {
            BpmnKind.StartEvent => "startEvent",
            BpmnKind.EndEvent => "endEvent",
            BpmnKind.UserTask => "userTask",
            BpmnKind.ExclusiveGateway => "exclusiveGateway",
            BpmnKind.ParallelGateway => "parallelGateway",
            BpmnKind.TimerCatchEvent => "intermediateCatchEvent",
            _ => "serviceTask",
        };

        // The schema's order: documentation, then incoming and outgoing (tFlowNode), then event definitions.
        var element = new XElement(Model + name,
            new XAttribute("id", xmlId),
            new XAttribute("name", activity.DisplayName),
            new XAttribute(Portal + "activityType", activity.Type),
            new XAttribute(Portal + "activityId", activity.Id),
            incoming.Select(f => new XElement(Model + "incoming", f)),
            outgoing.Select(f => new XElement(Model + "outgoing", f)));
        if (kind is BpmnKind.TimerCatchEvent)
        {
            element.Add(new XElement(Model + "timerEventDefinition", new XAttribute("id", $"Timer_{xmlId}"), Timer(activity)));
        }

        return element;
    }

    /// <summary>A Delay's duration as ISO 8601 (timeDuration) or its until time (timeDate); an expression is kept as written, marked JavaScript.</summary>
    private static XElement? Timer(ActivityNode delay)
    {
        XElement Expression(string element, string text, bool script) => new(Model + element,
            new XAttribute(Xsi + "type", "bpmn:tFormalExpression"),
            script ? new XAttribute("language", "javascript") : null,
            text);

        if (delay.Inputs.TryGetValue("duration", out var duration))
        {
            if (duration.IsExpression)
            {
                return Expression("timeDuration", duration.Expression!, script: true);
            }

            if (DurationRule.TryRead(duration.Value, out var known, out _))
            {
                return Expression("timeDuration", XmlConvert.ToString(known), script: false);
            }
        }

        if (delay.Inputs.TryGetValue("until", out var until))
        {
            return until.IsExpression
                ? Expression("timeDate", until.Expression!, script: true)
                : Expression("timeDate", until.Value?.ToString() ?? "", script: false);
        }

        return null;
    }

    private static (double X, double Y, double Width, double Height) Bounds(Position position, BpmnKind kind)
    {
        var (width, height) = kind switch
        {
            BpmnKind.StartEvent or BpmnKind.EndEvent or BpmnKind.TimerCatchEvent => (36d, 36d),
            BpmnKind.ExclusiveGateway or BpmnKind.ParallelGateway => (50d, 50d),
            _ => (100d, 80d),
        };

        // The designer's position is the top-left of its box: the BPMN shape sits in the middle of that box.
        return (position.X + (Layout.NodeWidth - width) / 2, position.Y + (Layout.NodeHeight - height) / 2, width, height);
    }

    private static XAttribute Number(string name, double value) => new(name, Math.Round(value, 2).ToString(CultureInfo.InvariantCulture));

    private static XElement Waypoint(double x, double y) => new(Di + "waypoint", Number("x", x), Number("y", y));

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
