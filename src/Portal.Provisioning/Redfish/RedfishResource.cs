using System.Text.Json.Nodes;

namespace Portal.Provisioning.Redfish;

/// <summary>A resource as read: where it is (its @odata.id), its JSON, and the ETag to send back when changing it.</summary>
internal sealed record RedfishResource(string Path, JsonObject Body, string? ETag);
