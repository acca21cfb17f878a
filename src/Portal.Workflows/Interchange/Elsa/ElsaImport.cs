using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Domain.Validation;
using Portal.Workflows.Definitions;
using Portal.Workflows.Definitions.Format;

namespace Portal.Workflows.Interchange.Elsa;

/// <summary>
/// Reads an Elsa 3 workflow definition as Elsa Studio exports it: a document whose <c>root</c> is an
/// <c>Elsa.Flowchart</c> with <c>activities</c> and <c>connections</c>. Activities with an equivalent are mapped
/// (FlowDecision → Decision, FlowFork/FlowJoin → Fork/Join, Delay/Timer → Delay, SetVariable, WriteLine → Log,
/// Fault, Start, End, Finish → End) with their inputs; every other one is kept under its Elsa type and listed, never
/// dropped. Positions (<c>metadata.designer.position</c>) and connections are kept. Both connection shapes Elsa 3
/// writes are read: <c>{ source: { activity, port }, target: { activity, port } }</c> (3.0 and later) and the earlier
/// flat <c>{ source, target, sourcePort, targetPort }</c>; property names in either case.
/// </summary>
public static class ElsaImport
{
    private const string FlowchartType = "Elsa.Flowchart";

    /// <summary>Reads the export; <paramref name="id"/> overrides Elsa's definitionId as the portal id.</summary>
    public static ValidationResult<ElsaImportResult> Read(JsonNode? document, string? id = null)
    {
        if (document is not JsonObject workflow)
        {
            return ValidationResult<ElsaImportResult>.Failure("root", "An Elsa workflow definition is a JSON object.");
        }

        // An export is the definition itself; some tools wrap it as { "workflowDefinition": … } or list several.
        if (Get(workflow, "root") is not JsonObject root)
        {
            return ValidationResult<ElsaImportResult>.Failure("root", "The document has no 'root' activity: it is not an Elsa 3 workflow definition.");
        }

        if (Text(root, "type") != FlowchartType)
        {
            return ValidationResult<ElsaImportResult>.Failure("root.type", $"The root activity is '{Text(root, "type")}'; only an {FlowchartType} root can be imported.");
        }

        var definitionId = id ?? Text(workflow, "definitionId") ?? Text(workflow, "id");
        if (string.IsNullOrWhiteSpace(definitionId))
        {
            return ValidationResult<ElsaImportResult>.Failure("definitionId", "The document has no definitionId; give the id to import it as.");
        }

        // Elsa ids are often hexadecimal and may start with a digit, which a portal id may not.
        if (id is null && !IdentifierAttribute.IsValid(definitionId))
        {
            definitionId = $"elsa-{definitionId}";
        }

        var variables = Variables(workflow);
        var notes = new List<ImportNote>();
        var unmapped = new List<UnmappedActivity>();
        var elsaActivities = (Get(root, "activities") as JsonArray ?? []).OfType<JsonObject>().ToList();
        for (var i = 0; i < elsaActivities.Count; i++)
        {
            // Elsa always writes ids; a hand-made file may not. Such an activity is still imported, under its position.
            if (Text(elsaActivities[i], "id") is null)
            {
                elsaActivities[i]["id"] = $"activity-{i + 1}";
            }
        }

        var ids = OurIds(elsaActivities);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var activities = new List<ActivityNode>();
        foreach (var elsa in elsaActivities)
        {
            var elsaId = Text(elsa, "id")!;
            var node = Activity(elsa, ids[elsaId], variables, notes);
            if (node is null)
            {
                var elsaType = Text(elsa, "type") ?? "(no type)";
                unmapped.Add(new UnmappedActivity(elsaId, elsaType, ids[elsaId]));
                node = new ActivityNode { Id = ids[elsaId], Type = elsaType, Name = DisplayName(elsa) };
            }

            types[elsaId] = node.Type;
            activities.Add(node with { Position = Position(elsa) });
        }

        var connections = new List<Connection>();
        foreach (var connection in (Get(root, "connections") as JsonArray ?? []).OfType<JsonObject>())
        {
            var (source, port, target) = Endpoints(connection);
            if (source is null || target is null || !ids.TryGetValue(source, out var from) || !ids.TryGetValue(target, out var to))
            {
                notes.Add(new ImportNote(source ?? "?", $"A connection from '{source}' to '{target}' names an activity the flowchart does not have; it was left out."));
                continue;
            }

            // Our Fork runs every branch connected to Done; Elsa's FlowFork names a port per branch.
            var outcome = types[source] == "Fork" ? "Done" : string.IsNullOrWhiteSpace(port) ? "Done" : port;
            var mapped = new Connection(from, outcome, to);
            if (!connections.Contains(mapped))
            {
                connections.Add(mapped);
            }
        }

        var definition = new WorkflowDefinition
        {
            Id = definitionId,
            Name = Text(workflow, "name") is { Length: > 0 } name ? name : definitionId,
            Description = Text(workflow, "description") is { Length: > 0 } description ? description : null,
            Inputs = Inputs(workflow),
            Variables = [.. variables.Values.DistinctBy(v => v.Name)],
            Activities = Shift(activities),
            Connections = connections,
        };
        return ValidationResult<ElsaImportResult>.Success(new ElsaImportResult(definition, unmapped, notes));
    }

    /// <summary>Parses and reads the export; malformed JSON is an error naming the line.</summary>
    public static ValidationResult<ElsaImportResult> Read(string json, string? id = null)
    {
        try
        {
            return Read(JsonNode.Parse(json), id);
        }
        catch (JsonException e)
        {
            return ValidationResult<ElsaImportResult>.Failure("root", $"The document is not valid JSON (line {(e.LineNumber ?? 0) + 1}).");
        }
    }

    private static ActivityNode? Activity(JsonObject elsa, string id, IReadOnlyDictionary<string, WorkflowVariable> variables, List<ImportNote> notes)
    {
        var elsaId = Text(elsa, "id")!;
        var name = DisplayName(elsa);
        ActivityNode Node(string type, params (string Name, InputValue? Value)[] inputs) => new()
        {
            Id = id,
            Type = type,
            Name = name,
            Inputs = inputs.Where(i => i.Value is not null).ToDictionary(i => i.Name, i => i.Value!, StringComparer.Ordinal),
        };

        InputValue? Input(string elsaInput) => ElsaImport.Input(elsa, elsaInput, elsaId, notes);

        switch (ShortType(Text(elsa, "type")))
        {
            case "Start":
                return Node("Start");
            case "End":
                return Node("End");
            case "Finish":
                notes.Add(new ImportNote(elsaId, "Elsa's Finish ends the whole workflow; the portal's End ends its path. Check that no parallel branch is still running there."));
                return Node("End");
            case "WriteLine":
                return Node("Log", ("message", Input("text")));
            case "Fault":
                return Node("Fault", ("message", Input("message")));
            case "FlowDecision":
                return Node("Decision", ("condition", Input("condition")));
            case "FlowFork":
                return Node("Fork");
            case "FlowJoin":
                var mode = Input("mode");
                var any = mode?.Value?.ToString().Equals("WaitAny", StringComparison.OrdinalIgnoreCase) == true;
                return Node("Join", ("mode", InputValue.Literal(any ? "any" : "all")));
            case "Delay":
                // Elsa's TimeSpan text ("00:05:00", "1.00:00:00") is what the portal's Delay reads.
                return Node("Delay", ("duration", Input("timeSpan")));
            case "Timer":
                notes.Add(new ImportNote(elsaId, "Elsa's Timer fires again every interval; imported as a Delay that waits one interval once."));
                return Node("Delay", ("duration", Input("interval")));
            case "SetVariable":
                var variable = VariableName(Get(elsa, "variable"), variables);
                if (variable is null)
                {
                    notes.Add(new ImportNote(elsaId, "The SetVariable names no variable the workflow declares; set it in the designer."));
                }

                return Node("SetVariable", ("variable", variable is null ? null : InputValue.Literal(variable)), ("value", Input("value")));
            default:
                return null;
        }
    }

    /// <summary>
    /// An Elsa input: <c>{ typeName, expression: { type, value } }</c>. A Literal becomes a literal (numbers and
    /// booleans typed by typeName), JavaScript an expression (to review: Elsa's helper functions differ from the
    /// portal's), anything else (C#, Liquid, Python, a variable reference) is left out with a note.
    /// </summary>
    private static InputValue? Input(JsonObject activity, string name, string elsaId, List<ImportNote> notes)
    {
        var input = Get(activity, name);
        if (input is null)
        {
            return null;
        }

        if (input is not JsonObject wrapper || Get(wrapper, "expression") is not JsonObject expression)
        {
            // A bare value, as some hand-written definitions have it.
            return InputValue.Literal(input.DeepClone());
        }

        var language = Text(expression, "type") ?? "Literal";
        var value = Get(expression, "value");
        switch (language)
        {
            case "Literal":
                return InputValue.Literal(Typed(value, Text(wrapper, "typeName")));
            case "JavaScript":
                notes.Add(new ImportNote(elsaId, $"Input '{name}' is a JavaScript expression; Elsa's functions (getVariable, getInput…) are not the portal's (variables.NAME, input.NAME): review it."));
                return InputValue.Script(value?.ToString() ?? "");
            case "Variable" when VariableName(value, new Dictionary<string, WorkflowVariable>()) is { } variable:
                return InputValue.Script($"variables.{variable}");
            default:
                notes.Add(new ImportNote(elsaId, $"Input '{name}' is a {language} expression, which the portal cannot run; it was left out."));
                return null;
        }
    }

    /// <summary>A literal as its Elsa type says: Elsa keeps numbers and booleans as text in many places ("0", "true").</summary>
    private static JsonNode? Typed(JsonNode? value, string? typeName)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var text))
        {
            switch (typeName)
            {
                case "Int16" or "Int32" or "Int64" or "Double" or "Single" or "Decimal" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                    return JsonValue.Create(number);
                case "Boolean" when bool.TryParse(text, out var flag):
                    return JsonValue.Create(flag);
            }
        }

        return value?.DeepClone();
    }

    private static string? VariableName(JsonNode? reference, IReadOnlyDictionary<string, WorkflowVariable> variables) => reference switch
    {
        JsonObject o when Text(o, "name") is { Length: > 0 } name => name,
        JsonObject o when Text(o, "id") is { } id && variables.TryGetValue(id, out var variable) => variable.Name,
        JsonValue v when v.TryGetValue<string>(out var text) && variables.TryGetValue(text, out var byId) => byId.Name,
        JsonValue v when v.TryGetValue<string>(out var text) && text.Length > 0 => text,
        _ => null,
    };

    /// <summary>The workflow's variables by Elsa id (SetVariable refers to them by id) and by name.</summary>
    private static Dictionary<string, WorkflowVariable> Variables(JsonObject workflow)
    {
        var byKey = new Dictionary<string, WorkflowVariable>(StringComparer.Ordinal);
        foreach (var elsa in (Get(workflow, "variables") as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Text(elsa, "name") is not { Length: > 0 } name)
            {
                continue;
            }

            var typeName = Text(elsa, "typeName") ?? Text(elsa, "type");
            var variable = new WorkflowVariable { Name = name, Type = PortalType(typeName, "any"), Default = Typed(Get(elsa, "value"), typeName) is { } value && value.ToString() != "" ? value : null };
            byKey.TryAdd(Text(elsa, "id") ?? name, variable);
            byKey.TryAdd(name, variable);
        }

        return byKey;
    }

    private static List<WorkflowInput> Inputs(JsonObject workflow) =>
        [.. (Get(workflow, "inputs") as JsonArray ?? []).OfType<JsonObject>()
            .Where(i => Text(i, "name") is { Length: > 0 })
            .Select(i => new WorkflowInput { Name = Text(i, "name")!, Type = PortalType(Text(i, "type") ?? Text(i, "typeName"), "string") })
            .DistinctBy(i => i.Name)];

    private static string PortalType(string? elsaType, string otherwise) => elsaType switch
    {
        "String" => "string",
        "Int16" or "Int32" or "Int64" or "Double" or "Single" or "Decimal" => "number",
        "Boolean" => "boolean",
        "Object" or "ExpandoObject" or "JsonObject" => "object",
        _ when elsaType?.EndsWith("[]", StringComparison.Ordinal) == true => "array",
        _ => otherwise,
    };

    /// <summary>
    /// Portal ids for Elsa's: Elsa's activity name ("WriteLine1") when it is a valid, unused id, else the Elsa id,
    /// prefixed with "a" when it starts with a digit, and numbered when taken.
    /// </summary>
    private static Dictionary<string, string> OurIds(List<JsonObject> activities)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            var elsaId = Text(activity, "id");
            if (elsaId is null || ids.ContainsKey(elsaId))
            {
                continue;
            }

            var candidate = Text(activity, "name") is { } name && IdentifierAttribute.IsValid(name) ? name
                : IdentifierAttribute.IsValid(elsaId) ? elsaId
                : "a" + new string([.. elsaId.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')]);
            var unique = candidate;
            for (var n = 2; !taken.Add(unique); n++)
            {
                unique = $"{candidate}-{n}";
            }

            ids[elsaId] = unique;
        }

        return ids;
    }

    private static (string? Source, string? Port, string? Target) Endpoints(JsonObject connection)
    {
        var source = Get(connection, "source");
        var target = Get(connection, "target");
        return source is JsonObject s
            ? (Text(s, "activity"), Text(s, "port"), target is JsonObject t ? Text(t, "activity") : Text(connection, "target"))
            : (source?.ToString(), Text(connection, "sourcePort"), target?.ToString());
    }

    private static Position? Position(JsonObject activity) =>
        Get(Get(Get(activity, "metadata") as JsonObject, "designer") as JsonObject, "position") is JsonObject position
        && Get(position, "x") is JsonValue x && Get(position, "y") is JsonValue y
        && x.TryGetValue<double>(out var left) && y.TryGetValue<double>(out var top)
            ? new Position(left, top)
            : null;

    /// <summary>Elsa draws around the origin, with negative positions; the portal's canvas starts at the top left.</summary>
    private static List<ActivityNode> Shift(List<ActivityNode> activities)
    {
        var placed = activities.Where(a => a.Position is not null).Select(a => a.Position!).ToList();
        if (placed.Count == 0)
        {
            return activities;
        }

        var (dx, dy) = (40 - placed.Min(p => p.X), 40 - placed.Min(p => p.Y));
        return [.. activities.Select(a => a.Position is { } p ? a with { Position = new Position(Math.Round(p.X + dx, 1), Math.Round(p.Y + dy, 1)) } : a)];
    }

    /// <summary>What Elsa Studio shows: the display text it keeps in metadata, else the activity's name.</summary>
    private static string? DisplayName(JsonObject activity) =>
        Text(Get(activity, "metadata") as JsonObject, "displayText") is { Length: > 0 } text ? text : Text(activity, "name");

    /// <summary>"Elsa.FlowDecision" → "FlowDecision"; types from other modules keep their full name and map to nothing.</summary>
    private static string? ShortType(string? type) => type?.StartsWith("Elsa.", StringComparison.Ordinal) == true && type.Count(c => c == '.') == 1 ? type[5..] : null;

    /// <summary>A property by its camelCase name or its PascalCase one, as Elsa reads both.</summary>
    private static JsonNode? Get(JsonObject? node, string name)
    {
        if (node is null)
        {
            return null;
        }

        if (node.TryGetPropertyValue(name, out var value))
        {
            return value;
        }

        return node.TryGetPropertyValue(char.ToUpperInvariant(name[0]) + name[1..], out value) ? value : null;
    }

    private static string? Text(JsonObject? node, string name) =>
        Get(node, name) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
