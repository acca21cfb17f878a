using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.Workflows.Activities;

namespace Portal.Workflows.Definitions;

/// <summary>
/// The one way the portal reads a duration someone wrote: in an activity input (a Delay, a user task's due time, a
/// callback timeout), a workflow input of type <c>duration</c>, the designer's duration field and the BPMN export.
/// Accepted: a bare number of seconds (<c>30</c>, <c>"30"</c>, <c>"1.5"</c>); a number with a unit, or several from
/// days down (<c>"30s"</c>, <c>"5m"</c>, <c>"2h"</c>, <c>"1d"</c>, <c>"1h30m"</c>; m is minutes); a clock
/// <c>"hh:mm:ss"</c> or <c>"d.hh:mm:ss"</c>, with an optional fraction of a second. Nothing else: not negative, not
/// .NET's lenient TimeSpan forms, under which <c>"2"</c> meant two days.
/// </summary>
public static partial class DurationRule
{
    /// <summary>What an editor or an error message tells people to write.</summary>
    public const string Forms = "seconds (30), a number with a unit (30s, 5m, 2h, 1d) or hh:mm:ss (d.hh:mm:ss for days)";

    /// <summary>
    /// The text forms as one ECMA-262 pattern, for the JSON Schema (which describes the number form separately):
    /// the same three forms as <see cref="TryParse"/>, with the units in either case and blanks around the text.
    /// A test keeps the two in agreement.
    /// </summary>
    public const string SchemaPattern =
        @"^\s*(\d+(\.\d+)?" +
        @"|(?=\d)(\d+(\.\d+)?\s*[dD]\s*)?(\d+(\.\d+)?\s*[hH]\s*)?(\d+(\.\d+)?\s*[mM]\s*)?(\d+(\.\d+)?\s*[sS])?" +
        @"|(\d+\.)?([01]?\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,7})?)\s*$";

    /// <summary>Reads a JSON value: a number of seconds, or a string in one of the accepted forms.</summary>
    public static bool TryRead(JsonNode? value, out TimeSpan duration, out string reason)
    {
        duration = TimeSpan.Zero;
        switch (value)
        {
            case null:
                reason = "an empty value is not a duration";
                return false;
            case JsonValue v when JsonNumbers.TryRead(v, out var seconds):
                return TrySeconds(seconds, v.ToJsonString(), out duration, out reason);
            case JsonValue v when v.TryGetValue<string>(out var text):
                return TryParse(text, out duration, out reason);
            default:
                reason = $"{value.ToJsonString()} is not a duration: write {Forms}";
                return false;
        }
    }

    /// <summary>Parses text in one of the accepted forms; <paramref name="reason"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string? text, out TimeSpan duration, out string reason)
    {
        duration = TimeSpan.Zero;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            reason = "an empty value is not a duration";
            return false;
        }

        if (trimmed.StartsWith('-'))
        {
            reason = $"\"{trimmed}\" is negative; a duration cannot be";
            return false;
        }

        if (Seconds().IsMatch(trimmed))
        {
            return TrySeconds(double.Parse(trimmed, CultureInfo.InvariantCulture), $"\"{trimmed}\"", out duration, out reason);
        }

        if (Units().Match(trimmed) is { Success: true } units && (units.Groups["d"].Success || units.Groups["h"].Success || units.Groups["m"].Success || units.Groups["s"].Success))
        {
            var total = 0d;
            foreach (var (group, unit) in new[] { ("d", 86400d), ("h", 3600d), ("m", 60d), ("s", 1d) })
            {
                if (units.Groups[group].Success)
                {
                    total += double.Parse(units.Groups[group].Value, CultureInfo.InvariantCulture) * unit;
                }
            }

            return TrySeconds(total, $"\"{trimmed}\"", out duration, out reason);
        }

        if (Clock().Match(trimmed) is { Success: true } clock)
        {
            var hours = int.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minutes = int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture);
            var seconds = int.Parse(clock.Groups["s"].Value, CultureInfo.InvariantCulture);
            if (hours > 23 || minutes > 59 || seconds > 59)
            {
                reason = $"\"{trimmed}\" is not a clock time: hours go up to 23, minutes and seconds up to 59 (write days as d.hh:mm:ss, e.g. 1.02:00:00, or use a unit: 26h)";
                return false;
            }

            var days = clock.Groups["d"].Success ? double.Parse(clock.Groups["d"].Value, CultureInfo.InvariantCulture) : 0;
            var fraction = clock.Groups["f"].Success ? double.Parse("0." + clock.Groups["f"].Value, CultureInfo.InvariantCulture) : 0;
            return TrySeconds((days * 86400) + (hours * 3600) + (minutes * 60) + seconds + fraction, $"\"{trimmed}\"", out duration, out reason);
        }

        reason = $"\"{trimmed}\" is not a duration: write {Forms}";
        return false;
    }

    /// <summary>The duration in the shortest form this rule reads back: "30s", "5m", "2h", "1d", or "1.02:03:04".</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        foreach (var (ticks, unit) in new[] { (TimeSpan.TicksPerDay, "d"), (TimeSpan.TicksPerHour, "h"), (TimeSpan.TicksPerMinute, "m"), (TimeSpan.TicksPerSecond, "s") })
        {
            if (duration.Ticks % ticks == 0)
            {
                return (duration.Ticks / ticks).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return duration.ToString("c", CultureInfo.InvariantCulture);
    }

    private static bool TrySeconds(double seconds, string written, out TimeSpan duration, out string reason)
    {
        duration = TimeSpan.Zero;
        if (double.IsNaN(seconds) || seconds < 0)
        {
            reason = $"{written} is negative; a duration cannot be";
            return false;
        }

        if (seconds >= TimeSpan.MaxValue.TotalSeconds)
        {
            reason = $"{written} is too long for a duration";
            return false;
        }

        duration = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        reason = "";
        return true;
    }

    [GeneratedRegex(@"^\d+(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Seconds();

    [GeneratedRegex(@"^(?:(?<d>\d+(?:\.\d+)?)\s*d\s*)?(?:(?<h>\d+(?:\.\d+)?)\s*h\s*)?(?:(?<m>\d+(?:\.\d+)?)\s*m\s*)?(?:(?<s>\d+(?:\.\d+)?)\s*s)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex Units();

    [GeneratedRegex(@"^(?:(?<d>\d+)\.)?(?<h>\d{1,2}):(?<m>\d{2}):(?<s>\d{2})(?:\.(?<f>\d{1,7}))?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Clock();
}
