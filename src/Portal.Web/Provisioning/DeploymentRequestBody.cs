using System.Text.Json;
using Portal.Domain.Inventory;

namespace Portal.Web.Provisioning;

/// <summary>
/// The body of POST /api/deployments. Hardware is keyed by resource type (Processor, Memory, Disk, …) in the template's
/// unit. LeaseDays is the server's lease (none: the lease policy's default).
/// </summary>
public sealed record DeploymentRequestBody(
    Guid? ImageId, Placement? Placement, Guid? PlatformId, Dictionary<string, decimal>? Hardware, Dictionary<string, JsonElement>? Parameters,
    int? LeaseDays = null)
{
    /// <summary>Parameter names only: the values include secrets, and a record would print them.</summary>
    public override string ToString() =>
        $"DeploymentRequestBody {{ ImageId = {ImageId}, Placement = {Placement}, PlatformId = {PlatformId}, Parameters = [{string.Join(", ", Parameters?.Keys.AsEnumerable() ?? [])}] }}";
}
