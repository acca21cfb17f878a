using System.Text.Json;
using Portal.Domain.Inventory;

namespace Portal.Web.Requests;

/// <summary>The body of POST /api/requests (and /api/requests/preview). Hardware is keyed by resource type in the template's unit.</summary>
public sealed record RequestBody(
    Guid? ImageId, Placement? Placement, Guid? PlatformId, Dictionary<string, decimal>? Hardware, Dictionary<string, JsonElement>? Parameters,
    int? Quantity, string? HostnamePattern, string? Justification, int? LeaseDays)
{
    /// <summary>Parameter names only: the values include secrets, and a record would print them.</summary>
    public override string ToString() =>
        $"RequestBody {{ ImageId = {ImageId}, Placement = {Placement}, PlatformId = {PlatformId}, Quantity = {Quantity}, HostnamePattern = {HostnamePattern}, Parameters = [{string.Join(", ", Parameters?.Keys.AsEnumerable() ?? [])}] }}";
}
