namespace Portal.Workflows.Persistence;

/// <summary>
/// A definition as the admin list shows it: the version new instances run (<see cref="PublishedVersion"/>, null when
/// none is published), whether a draft is pending, the last change (who, when: the draft's save or the latest
/// publish) and its instances still open, by status.
/// </summary>
public sealed record DefinitionOverview(
    string Id,
    string Name,
    int? PublishedVersion,
    bool HasDraft,
    string? LastChangedBy,
    DateTimeOffset LastChangedAt,
    int Running,
    int Suspended,
    int Faulted)
{
    /// <summary>The newest version: 0 (the draft) when one is pending, else the published one.</summary>
    public int LatestVersion => HasDraft ? StoredDefinition.DraftVersion : PublishedVersion ?? StoredDefinition.DraftVersion;
}
