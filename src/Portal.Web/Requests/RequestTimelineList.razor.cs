using Microsoft.AspNetCore.Components;

namespace Portal.Web.Requests;

/// <summary>Timeline lines in words, oldest first, coloured by what they say: done, waiting, decided, failed.</summary>
public sealed partial class RequestTimelineList
{
    /// <summary>The lines to show, oldest first.</summary>
    [Parameter, EditorRequired] public required IReadOnlyList<TimelineEntry> Entries { get; set; }

    /// <summary>The time the page was loaded, for "5 minutes ago".</summary>
    [Parameter] public DateTimeOffset Now { get; set; }

    /// <summary>Smaller text, for a server's steps inside its card.</summary>
    [Parameter] public bool Dense { get; set; }

    /// <summary>The server whose steps these are; null for the request's own lines.</summary>
    [Parameter] public string? Server { get; set; }
}
