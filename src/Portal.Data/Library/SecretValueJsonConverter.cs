using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Domain.Library;

namespace Portal.Data.Library;

/// <summary>
/// Keeps secrets out of every JSON document: a <see cref="SecretValue"/> is written as null and read back empty.
/// The stores keep the secret itself in a column of its own, encrypted with Data Protection.
/// </summary>
public sealed class SecretValueJsonConverter : JsonConverter<SecretValue>
{
    public override bool HandleNull => true;

    public override SecretValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        reader.Skip();
        return new SecretValue("");
    }

    public override void Write(Utf8JsonWriter writer, SecretValue value, JsonSerializerOptions options) => writer.WriteNullValue();
}
