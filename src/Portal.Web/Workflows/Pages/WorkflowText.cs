using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MudBlazor;
using Portal.Workflows.Runtime;

namespace Portal.Web.Workflows.Pages;

/// <summary>How the instance pages name and colour the engine's values: the words and colours admins read.</summary>
public static class WorkflowText
{
    /// <summary>Compact JSON that keeps non-ASCII as it is (the mask "••••••" stays readable); Blazor encodes it for HTML.</summary>
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };

    public static Color StatusColor(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Running => Color.Info,
        WorkflowStatus.Suspended => Color.Warning,
        WorkflowStatus.Completed => Color.Success,
        WorkflowStatus.Faulted => Color.Error,
        WorkflowStatus.Cancelled => Color.Default,
        _ => Color.Default,
    };

    public static string StatusIcon(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Running => Icons.Material.Filled.PlayCircle,
        WorkflowStatus.Suspended => Icons.Material.Filled.PauseCircle,
        WorkflowStatus.Completed => Icons.Material.Filled.CheckCircle,
        WorkflowStatus.Faulted => Icons.Material.Filled.Error,
        WorkflowStatus.Cancelled => Icons.Material.Filled.Cancel,
        _ => Icons.Material.Filled.HelpOutline,
    };

    public static Color EventColor(JournalEvent journalEvent) => journalEvent switch
    {
        JournalEvent.Completed => Color.Success,
        JournalEvent.Suspended => Color.Warning,
        JournalEvent.Resumed => Color.Info,
        JournalEvent.Faulted => Color.Error,
        JournalEvent.Skipped => Color.Secondary,
        _ => Color.Default,
    };

    /// <summary>Completed and cancelled instances never change again: nothing to refresh, nothing to administer.</summary>
    public static bool IsFinal(WorkflowStatus status) => status is WorkflowStatus.Completed or WorkflowStatus.Cancelled;

    /// <summary>The first eight characters of an instance id: enough to tell instances apart in a list.</summary>
    public static string ShortId(string id)
    {
        var plain = id.Replace("-", "", StringComparison.Ordinal);
        return plain.Length <= 8 ? id : plain[..8];
    }

    /// <summary>"2025-06-01 14:03:07 UTC": the server has no idea of the reader's time zone, so it says which one it uses.</summary>
    public static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"2025-06-01 14:03:07" in UTC, for columns whose header says UTC.</summary>
    public static string ShortTime(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"14:03:07.125": a journal line's time, to the millisecond, since steps follow each other closely.</summary>
    public static string ClockTime(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>"14:03:07": when a list was last reloaded.</summary>
    public static string Seconds(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Milliseconds(TimeSpan duration) =>
        duration.TotalMilliseconds.ToString(duration.TotalMilliseconds < 10 ? "0.#" : "0", CultureInfo.InvariantCulture);

    /// <summary>A value on one line: strings as they are, everything else as compact JSON.</summary>
    public static string Value(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => value.ToJsonString(Compact),
    };

    public static string Json(JsonNode? value) => value?.ToJsonString(Compact) ?? "";
}
