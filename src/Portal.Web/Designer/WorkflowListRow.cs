namespace Portal.Web.Designer;

/// <summary>
/// One workflow on Admin › Workflows: its latest published version (null when none), whether a draft waits,
/// how many versions exist, and the last change (a save or a publish) with who made it.
/// </summary>
public sealed record WorkflowListRow(
    string Id, string Name, string? Description, int? PublishedVersion, bool HasDraft, int VersionCount,
    DateTimeOffset? ChangedAt, string? ChangedBy);
