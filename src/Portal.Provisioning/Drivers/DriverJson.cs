using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Provisioning.Drivers;

/// <summary>How drivers write requests and results into their key records: the web defaults, enums as names, nulls left out.</summary>
public static class DriverJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        IgnoreReadOnlyProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// How a request is written: every property, read-only ones included, since drivers describe a request with an
    /// anonymous object (whose properties are all read-only); results leave computed properties out, as they are read back.
    /// </summary>
    private static readonly JsonSerializerOptions RequestOptions = new(Options) { IgnoreReadOnlyProperties = false };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static string WriteRequest(object request) => JsonSerializer.Serialize(request, request.GetType(), RequestOptions);

    public static T Read<T>(string? json) =>
        (json is null ? default : JsonSerializer.Deserialize<T>(json, Options))
        ?? throw new DriverException("A driver's key record holds no result although it is marked done.");
}
