using System.Globalization;
using System.Text.Json.Nodes;
using MudBlazor;
using Portal.Workflows.Runtime;

namespace Portal.Web.Designer.Viewer;

/// <summary>The words, icons and colours of the instance viewer.</summary>
public static class ViewerText
{
    public static string MarkLabel(ActivityMark mark) => mark switch
    {
        ActivityMark.Completed => "completed",
        ActivityMark.Queued => "runs next",
        ActivityMark.Waiting => "waiting",
        ActivityMark.Faulted => "faulted",
        ActivityMark.Skipped => "skipped",
        ActivityMark.Cancelled => "cancelled",
        _ => "not run",
    };

    public static string MarkIcon(ActivityMark mark) => mark switch
    {
        ActivityMark.Completed => Icons.Material.Filled.Check,
        ActivityMark.Queued => Icons.Material.Filled.PlayArrow,
        ActivityMark.Waiting => Icons.Material.Filled.HourglassTop,
        ActivityMark.Faulted => Icons.Material.Filled.PriorityHigh,
        ActivityMark.Skipped => Icons.Material.Filled.SkipNext,
        ActivityMark.Cancelled => Icons.Material.Filled.Block,
        _ => Icons.Material.Filled.RadioButtonUnchecked,
    };

    public static Color MarkColor(ActivityMark mark) => mark switch
    {
        ActivityMark.Completed => Color.Success,
        ActivityMark.Queued => Color.Info,
        ActivityMark.Waiting => Color.Warning,
        ActivityMark.Faulted => Color.Error,
        ActivityMark.Skipped => Color.Secondary,
        _ => Color.Default,
    };

    /// <summary>"1.2 s", "340 ms", "0.4 ms": a duration a person reads at a glance.</summary>
    public static string Duration(TimeSpan duration) => duration.TotalSeconds >= 1
        ? duration.TotalSeconds.ToString(duration.TotalSeconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " s"
        : duration.TotalMilliseconds.ToString(duration.TotalMilliseconds < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + " ms";

    public static string EventLabel(JournalEvent journalEvent) => journalEvent switch
    {
        JournalEvent.Completed => "Completed",
        JournalEvent.Suspended => "Started waiting",
        JournalEvent.Resumed => "Resumed",
        JournalEvent.Faulted => "Failed",
        JournalEvent.Skipped => "Skipped by an admin",
        JournalEvent.Cancelled => "Cancelled",
        _ => journalEvent.ToString(),
    };

    /// <summary>Whether a value is the mask a secret is replaced with.</summary>
    public static bool IsMasked(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && text == OutputMasking.Mask;

    /// <summary>A scalar as a person reads it: text as it is, numbers and booleans invariant, null as a dash.</summary>
    public static string Scalar(JsonNode? value) => value switch
    {
        null => "—",
        JsonValue v when v.TryGetValue<string>(out var text) => text.Length == 0 ? "(empty)" : text,
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag ? "yes" : "no",
        JsonValue v => v.ToJsonString(),
        _ => value.ToJsonString(),
    };

    /// <summary>Whether a value is shown on one line (a scalar, or a list of scalars) rather than as nested fields.</summary>
    public static bool IsFlat(JsonNode? value) => value switch
    {
        JsonObject => false,
        JsonArray array => array.All(item => item is null or JsonValue),
        _ => true,
    };

    /// <summary>A scalar, or a list of scalars joined by commas.</summary>
    public static string Flat(JsonNode? value) => value is JsonArray array
        ? array.Count == 0 ? "(none)" : string.Join(", ", array.Select(Scalar))
        : Scalar(value);

    /// <summary>"requestId" → "Request id", "vcpuCount" → "Vcpu count": field names as labels.</summary>
    public static string Label(string name)
    {
        if (name.Length == 0)
        {
            return name;
        }

        var words = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]))
            {
                words.Append(' ');
                words.Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(i == 0 ? char.ToUpperInvariant(c) : c == '_' ? ' ' : c);
            }
        }

        return words.ToString();
    }
}
