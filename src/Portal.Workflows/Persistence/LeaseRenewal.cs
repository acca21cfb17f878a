namespace Portal.Workflows.Persistence;

/// <summary>What a step's heartbeat found: whether its lease still holds, and whether a cancel of its instance waits.</summary>
public sealed record LeaseRenewal(bool Held, bool CancelRequested);
