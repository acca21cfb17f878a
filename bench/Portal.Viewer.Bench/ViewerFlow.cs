using System.Globalization;
using System.Text;

namespace Portal.Viewer.Bench;

/// <summary>
/// The measured workflow: Start, a chain of SetVariable and Log activities laid out in rows, a Decision that loops
/// back into the chain until the wanted number of journal entries is reached, a WaitForSignal where the instance
/// stays suspended (so the viewer has a bookmark to highlight), and End. Some inputs read the secret input, so the
/// journal holds masked values as a real one does.
/// </summary>
public static class ViewerFlow
{
    public const string Id = "viewer-bench";

    /// <summary>The chain between Start and the Decision: everything but Start, Decision, WaitForSignal and End.</summary>
    public static int ChainLength(int activities) => activities - 4;

    /// <summary>
    /// The loop: how many activities it spans (the chain's tail and the Decision) and how many times it runs, chosen
    /// so the journal has exactly <paramref name="entries"/> lines when that is possible: Start, the chain's head
    /// once, the loop <c>Passes</c> times, and WaitForSignal's suspension.
    /// </summary>
    public static (int Length, int Passes) Loop(int activities, int entries)
    {
        var chain = ChainLength(activities);
        for (var length = chain + 1; length >= 2; length--)
        {
            var rest = entries - 2 - (chain + 1 - length);
            if (rest >= length && rest % length == 0)
            {
                return (length, rest / length);
            }
        }

        return (chain + 1, Math.Max(1, (int)Math.Ceiling((entries - 2) / (double)(chain + 1))));
    }

    public static string Json(int activities, int entries)
    {
        var chain = ChainLength(activities);
        var (length, passes) = Loop(activities, entries);
        var head = chain + 2 - length;
        var nodes = new List<string> { Node("start", "Start", "Start", 0, "{}") };
        for (var i = 1; i <= chain; i++)
        {
            var inputs = i == head
                ? """{ "variable": { "value": "pass" }, "value": { "expression": "variables.pass + 1" } }"""
                : i % 3 == 0
                    ? $$"""{ "message": { "expression": "'step {{i}} of pass ' + variables.pass + ' for ' + input.requestId" }, "level": { "value": "Information" } }"""
                    : i % 3 == 1
                        ? $$"""{ "variable": { "value": "note" }, "value": { "expression": "'token ' + input.apiToken + ' at {{i}}'" } }"""
                        : $$"""{ "variable": { "value": "note" }, "value": { "value": "step {{i}}" } }""";
            nodes.Add(Node($"s{i}", i % 3 == 0 && i != head ? "Log" : "SetVariable", $"Step {i}", i, inputs));
        }

        nodes.Add(Node("again", "Decision", "Another pass?", chain + 1, $$"""{ "condition": { "expression": "variables.pass < {{passes}}" } }"""));
        nodes.Add(Node("wait", "WaitForSignal", "Wait for go", chain + 2, """{ "signal": { "value": "go" } }"""));
        nodes.Add(Node("end", "End", "End", chain + 3, "{}"));

        var connections = new List<string> { Connection("start", "Done", "s1") };
        for (var i = 1; i < chain; i++)
        {
            connections.Add(Connection($"s{i}", "Done", $"s{i + 1}"));
        }

        connections.Add(Connection($"s{chain}", "Done", "again"));
        connections.Add(Connection("again", "True", $"s{head}"));
        connections.Add(Connection("again", "False", "wait"));
        connections.Add(Connection("wait", "Done", "end"));

        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $$"""{ "schemaVersion": 1, "id": "{{Id}}", "name": "Viewer bench ({{activities}} activities)", """);
        json.Append("""
            "inputs": [ { "name": "requestId", "type": "string", "required": true }, { "name": "apiToken", "type": "string", "secret": true } ],
            "variables": [ { "name": "pass", "type": "number", "default": 0 }, { "name": "note", "type": "string", "default": "" } ],
            """);
        json.Append("\"activities\": [").AppendJoin(",\n", nodes).Append("],\n");
        json.Append("\"connections\": [").AppendJoin(",\n", connections).Append("] }");
        return json.ToString();
    }

    /// <summary>Ten activities a row, 200 units apart, rows 140 apart: a grid as a person would lay a long flow out.</summary>
    private static string Node(string id, string type, string name, int index, string inputs) =>
        $$"""{ "id": "{{id}}", "type": "{{type}}", "name": "{{name}}", "position": { "x": {{(index % 10) * 200}}, "y": {{(index / 10) * 140}} }, "inputs": {{inputs}} }""";

    private static string Connection(string from, string outcome, string to) =>
        $$"""{ "from": "{{from}}", "outcome": "{{outcome}}", "to": "{{to}}" }""";
}
