using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Data.Library;

/// <summary>
/// Writes a URI as its absolute form (<c>file:///srv/images/…</c>, escaped), never as the string it was made
/// from: a URI built from a local path (<c>new Uri("/srv/x.img")</c>) would otherwise be stored as "/srv/x.img" and
/// read back as a relative URI that no reader can open. A bare absolute path stored before this converter existed
/// is read as the file URI it meant.
/// </summary>
public sealed class AbsoluteUriJsonConverter : JsonConverter<Uri>
{
    public override Uri? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null)
        {
            return null;
        }

        if (Path.IsPathFullyQualified(text) && (text.StartsWith('/') || text.Length > 2 && text[1] == ':'))
        {
            return new Uri(Path.GetFullPath(text));
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var absolute) ? absolute
            : Uri.TryCreate(text, UriKind.Relative, out var relative) ? relative
            : throw new JsonException($"'{text}' is not a URI.");
    }

    public override void Write(Utf8JsonWriter writer, Uri value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.IsAbsoluteUri ? value.AbsoluteUri : value.OriginalString);
}
