using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer;

/// <summary>
/// A duration as the designer shows it: an amount and a unit. It is stored the way the engine reads it
/// (<see cref="ActivityContext.InputDuration"/>, <see cref="DurationRule"/>): stored as <c>hh:mm:ss</c> or
/// <c>d.hh:mm:ss</c>; read in any form the rule accepts. A bare number — even in a string — means seconds, so it is
/// shown as seconds, never as days.
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

    /// <summary>Reads a stored literal by the engine's one rule (<see cref="DurationRule"/>): seconds, "5m", hh:mm:ss…; null when it is none.</summary>
    public static DurationValue? Read(JsonNode? value) => value switch
    {
        JsonValue v when JsonNumbers.TryRead(v, out var seconds) && seconds >= 0 => new(seconds, DurationUnit.Seconds),
        _ when DurationRule.TryRead(value, out var span, out _) => From(span),
        _ => null,
    };
}
