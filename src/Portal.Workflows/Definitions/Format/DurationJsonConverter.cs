using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Portal.Workflows.Definitions.Format;

/// <summary>
/// Reads every <see cref="TimeSpan"/> of the definition format (a retry policy's delays) by the one
/// <see cref="DurationRule"/>, so that <c>"initialDelay": "2"</c> is two seconds as everywhere else in the portal,
/// never two days as System.Text.Json's own TimeSpan reading would have it. Writes the clock form
/// (<c>"00:00:05"</c>, <c>"1.00:00:00"</c>), which the rule reads back unchanged, so files the portal wrote before
/// are written again as they were.
/// </summary>
internal sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string reason;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDouble(out var seconds):
                if (DurationRule.TryRead(JsonValue.Create(seconds), out var fromNumber, out reason))
                {
                    return fromNumber;
                }

                break;
            case JsonTokenType.String:
                if (DurationRule.TryParse(reader.GetString(), out var fromText, out reason))
                {
                    return fromText;
                }

                break;
            default:
                reason = $"a duration is a number of seconds or a text ({DurationRule.Forms})";
                break;
        }

        throw new FormatValueException(reason);
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("c", CultureInfo.InvariantCulture));
}
