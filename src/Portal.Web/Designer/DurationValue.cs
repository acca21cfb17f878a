using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Workflows.Activities;

namespace Portal.Web.Designer;

/// <summary>
/// A duration as the designer shows it: an amount and a unit. It is stored the way the engine reads it
/// (<see cref="ActivityContext.InputDuration"/>): a TimeSpan string, <c>hh:mm:ss</c> or <c>d.hh:mm:ss</c>. A bare
/// number in an existing definition means seconds to the engine, so it is shown as seconds — never as days.
/// </summary>
public sealed record DurationValue(double Amount, DurationUnit Unit)
{
    public TimeSpan ToTimeSpan() => Unit switch
    {
        DurationUnit.Seconds => TimeSpan.FromSeconds(Amount),
        DurationUnit.Minutes => TimeSpan.FromMinutes(Amount),
        DurationUnit.Hours => TimeSpan.FromHours(Amount),
        _ => TimeSpan.FromDays(Amount),
    };

    /// <summary>The stored form: "00:05:00", "3.00:00:00".</summary>
    public string ToStored() => ToTimeSpan().ToString("c", CultureInfo.InvariantCulture);

    /// <summary>The duration in its largest whole unit: 3 days, not 72 hours; 90 seconds stays 90 seconds.</summary>
    public static DurationValue From(TimeSpan span)
    {
        if (span > TimeSpan.Zero)
        {
            if (span.Ticks % TimeSpan.TicksPerDay == 0)
            {
                return new(span.TotalDays, DurationUnit.Days);
            }

            if (span.Ticks % TimeSpan.TicksPerHour == 0)
            {
                return new(span.TotalHours, DurationUnit.Hours);
            }

            if (span.Ticks % TimeSpan.TicksPerMinute == 0)
            {
                return new(span.TotalMinutes, DurationUnit.Minutes);
            }
        }

        return new(span.TotalSeconds, DurationUnit.Seconds);
    }

    /// <summary>Reads a stored literal: a TimeSpan string, or a number of seconds. Null when it is neither.</summary>
    public static DurationValue? Read(JsonNode? value) => value switch
    {
        JsonValue v when JsonNumbers.TryRead(v, out var seconds) => new(seconds, DurationUnit.Seconds),
        JsonValue v when v.TryGetValue<string>(out var text) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) => From(span),
        _ => null,
    };
}
