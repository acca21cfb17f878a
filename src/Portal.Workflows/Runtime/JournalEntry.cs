using System.Text.Json.Nodes;

namespace Portal.Workflows.Runtime;

/// <summary>
/// One line of an instance's execution journal: which activity ran, when, for how long, how it ended,
/// with its evaluated inputs (secrets masked) and any error.
/// </summary>
public sealed record JournalEntry(
    string ExecutionId,
    string ActivityId,
    string ActivityType,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    JournalEvent Event,
    string? Outcome = null,
    JsonObject? Inputs = null,
    string? Error = null);

/// <summary>What a journal line records.</summary>
public enum JournalEvent
{
    Completed,
    Suspended,
    Resumed,
    Faulted,
    Cancelled,
    Skipped,
}
