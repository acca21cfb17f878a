using System.Globalization;

namespace Portal.Workflows.Persistence;

/// <summary>
/// Why a draft was not written: someone changed the definition after the edit began. <see cref="ChangedBy"/> and
/// <see cref="ChangedAt"/> name the change; <see cref="PublishedVersion"/> is set when the change was a publish;
/// <see cref="DraftDeleted"/> when the draft the edit began from was deleted; <see cref="CurrentRevision"/> is what
/// to base the next attempt on, after looking at it.
/// </summary>
public sealed record DraftConflict(string? ChangedBy, DateTimeOffset ChangedAt, long CurrentRevision, int? PublishedVersion = null, bool DraftDeleted = false)
{
    /// <summary>"The draft was changed by sam@portal.local at 2026-12-07 10:42 UTC …", or the publish or delete that happened.</summary>
    public string Message
    {
        get
        {
            if (DraftDeleted)
            {
                return "The draft was deleted after your edit began; nothing was saved. Reload the workflow and apply your changes again.";
            }

            var who = ChangedBy ?? "someone";
            var when = ChangedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            return PublishedVersion is { } version
                ? $"The workflow was published as version {version} by {who} at {when} UTC after your edit began; nothing was saved. Reload it and apply your changes again."
                : $"The draft was changed by {who} at {when} UTC after your edit began; nothing was saved. Reload it and apply your changes again.";
        }
    }

    /// <summary>
    /// Why a save based on <paramref name="basedOn"/> is stale when there is no draft: revisions only grow, so a base
    /// above every row was a draft deleted since; otherwise a version was published since.
    /// </summary>
    public static DraftConflict StaleBase(IReadOnlyList<DefinitionVersion> rows, long head, long basedOn)
    {
        if (basedOn > head || rows.Count == 0)
        {
            return new DraftConflict(null, default, head, DraftDeleted: true);
        }

        var newest = rows.Where(r => r.Revision == head).MaxBy(r => r.Version)!;
        return new DraftConflict(newest.SavedBy, newest.SavedAt, head, newest.Version);
    }
}
