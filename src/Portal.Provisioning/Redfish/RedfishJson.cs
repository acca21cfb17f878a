using System.Text.Json.Nodes;

namespace Portal.Provisioning.Redfish;

/// <summary>
/// Tolerant reading of Redfish JSON: vendors leave properties out or give them other shapes, and a missing
/// property must become a clear error at the caller, not an exception from the JSON library.
/// </summary>
internal static class RedfishJson
{
    public static JsonNode? Get(JsonNode? node, string name) =>
        node is JsonObject obj && obj.TryGetPropertyValue(name, out var value) ? value : null;

    public static string? GetString(JsonNode? node, string name) => AsString(Get(node, name));

    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static bool? GetBool(JsonNode? node, string name) =>
        Get(node, name) is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    /// <summary>The @odata.id of a navigation property such as {"@odata.id": "/redfish/v1/Systems"}.</summary>
    public static string? ODataId(JsonNode? node) => GetString(node, "@odata.id");

    /// <summary>The string items of an array property; empty when absent or not an array.</summary>
    public static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(AsString).OfType<string>()] : [];

    /// <summary>The @odata.id of each member of a resource collection.</summary>
    public static IReadOnlyList<string> Members(JsonNode? collection) =>
        Get(collection, "Members") is JsonArray members ? [.. members.Select(ODataId).OfType<string>()] : [];

    /// <summary>The next page of a paged collection (Members@odata.nextLink), when there is one.</summary>
    public static string? NextLink(JsonNode? collection) => GetString(collection, "Members@odata.nextLink");

    /// <summary>Whether the resource has the property at all (even null): some BMCs refuse a PATCH naming one it lacks.</summary>
    public static bool Has(JsonNode? node, string name) => node is JsonObject obj && obj.ContainsKey(name);

    public static JsonNode? First(JsonNode? node) => node is JsonArray { Count: > 0 } array ? array[0] : null;
}
