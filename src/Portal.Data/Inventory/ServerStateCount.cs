using Portal.Domain.Inventory;

namespace Portal.Data.Inventory;

/// <summary>How many physical servers of one pool are in one state.</summary>
public sealed record ServerStateCount(Guid PlatformId, ServerState State, int Count);
