namespace Portal.Data.Workflows;

/// <summary>Where an instance waits, by name and correlation, so a signal finds it without loading every state.</summary>
public sealed class BookmarkIndexRecord
{
    public string BookmarkId { get; set; } = "";

    public string InstanceId { get; set; } = "";

    public string Name { get; set; } = "";

    public string? CorrelationId { get; set; }
}
