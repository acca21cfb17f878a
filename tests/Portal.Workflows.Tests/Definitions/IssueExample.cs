namespace Portal.Workflows.Tests.Definitions;

/// <summary>The example definition of the workflow engine issue, the reference for the file format.</summary>
internal static class IssueExample
{
    public const string Json = """
        { "schemaVersion": 1, "id": "server-provisioning", "name": "Server provisioning", "description": "Provisions a server.",
          "inputs":    [ { "name": "requestId", "type": "string", "required": true } ],
          "variables": [ { "name": "approvals", "type": "number", "default": 0 } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "count", "type": "SetVariable", "name": "Count", "position": { "x": 240, "y": 80 },
              "inputs": { "variable": { "value": "approvals" }, "value": { "expression": "variables.approvals + 1" } } },
            { "id": "end", "type": "End" } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "count" },
                           { "from": "count", "outcome": "Done", "to": "end" } ] }
        """;
}
