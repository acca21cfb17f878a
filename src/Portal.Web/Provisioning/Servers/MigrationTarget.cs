using Portal.Domain.Inventory;

namespace Portal.Web.Provisioning.Servers;

/// <summary>Where a server should move: a placement, and a platform when the admin chooses one.</summary>
public sealed record MigrationTarget(Placement Placement, Guid? PlatformId);
