using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Domain.Library;

namespace Portal.Data.Library;

/// <summary>
/// How images and platforms are written as JSON documents. Derived, read-only properties (summaries,
/// normalised sizes) are left out: they are recomputed, never stored. Secrets cannot appear: the model
/// refuses secret defaults and holds no deployment values, and a platform's connection password
/// (a <see cref="SecretValue"/>) is written as null — the store keeps it encrypted in a column of its own.
/// </summary>
public static class LibraryJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        IgnoreReadOnlyProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(), new AbsoluteUriJsonConverter(), new SecretValueJsonConverter() },
    };

    public static string Write(MasterImage image) => JsonSerializer.Serialize(image, Options);

    public static MasterImage ReadImage(string json) =>
        JsonSerializer.Deserialize<MasterImage>(json, Options) ?? throw new InvalidDataException("An image document is empty.");

    public static string Write(Platform platform) => JsonSerializer.Serialize(platform, Options);

    public static Platform ReadPlatform(string json) =>
        JsonSerializer.Deserialize<Platform>(json, Options) ?? throw new InvalidDataException("A platform document is empty.");
}
