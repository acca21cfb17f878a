using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace Portal.Workflows.Definitions.Format;

/// <summary>
/// The JSON Schema of the definition format (draft 2020-12), generated from the records by System.Text.Json's
/// <see cref="JsonSchemaExporter"/> and the format attributes on them. <c>workflows/workflow-definition.schema.json</c>
/// is this text, committed so that editors find it; a test fails when the two differ.
/// </summary>
public static class WorkflowDefinitionSchema
{
    public const string Id = "urn:portal:workflow-definition:1";

    public const string Draft = "https://json-schema.org/draft/2020-12/schema";

    private static readonly Lazy<string> LazyText = new(() => Generate().ToJsonString(new JsonSerializerOptions
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }) + "\n");

    /// <summary>The schema as the file holds it: indented, "\n" line ends, a final newline.</summary>
    public static string Text => LazyText.Value;

    public static JsonObject Generate()
    {
        var definitions = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var order = new List<string>();
        var root = ObjectSchema(typeof(WorkflowDefinition), definitions, order);
        var documentation = typeof(WorkflowDefinition).GetCustomAttribute<FormatObjectAttribute>()!;

        var schema = new JsonObject
        {
            ["$schema"] = Draft,
            ["$id"] = Id,
            ["title"] = documentation.Title,
            ["description"] = documentation.Description,
        };
        foreach (var (keyword, value) in root.ToList())
        {
            if (keyword is not ("title" or "description"))
            {
                root.Remove(keyword);
                schema[keyword] = value;
            }
        }

        // Shared value definitions first, then the objects in the order a reader meets them.
        var objects = ReadingOrder(typeof(WorkflowDefinition), []).Skip(1).Select(t => t.GetCustomAttribute<FormatObjectAttribute>()!.Name).ToList();
        var defs = new JsonObject();
        foreach (var name in definitions.Keys.Where(k => !objects.Contains(k)).Order(StringComparer.Ordinal).Concat(objects.Where(definitions.ContainsKey)))
        {
            defs[name] = definitions[name];
        }

        schema["$defs"] = defs;
        return schema;
    }

    /// <summary>
    /// The schema of one format object, its own members inline and every other format object as a <c>$ref</c> to
    /// its <c>$defs</c> entry (added, with what it refers to, depth first).
    /// </summary>
    private static JsonObject ObjectSchema(Type type, Dictionary<string, JsonObject> definitions, List<string> order)
    {
        var documentation = type.GetCustomAttribute<FormatObjectAttribute>()
            ?? throw new InvalidOperationException($"{type.Name} is not marked [FormatObject].");
        var referenced = new List<Type>();
        JsonObject schema;
        if (type == typeof(InputValue))
        {
            schema = InputValueJsonConverter.Schema();
        }
        else
        {
            var typeInfo = WorkflowDefinitionFormat.WriteOptions.GetTypeInfo(type);
            schema = (JsonObject)typeInfo.GetJsonSchemaAsNode(new JsonSchemaExporterOptions
            {
                TransformSchemaNode = (context, node) => Transform(context, node, definitions, referenced),
            });
        }

        var result = new JsonObject { ["title"] = documentation.Title, ["description"] = documentation.Description };
        foreach (var (keyword, value) in schema.ToList())
        {
            schema.Remove(keyword);
            result[keyword] = value;
        }

        if (!documentation.AllowsUnknownMembers)
        {
            result["additionalProperties"] = false;
        }

        foreach (var other in referenced.Distinct())
        {
            var name = other.GetCustomAttribute<FormatObjectAttribute>()!.Name;
            if (!definitions.ContainsKey(name))
            {
                // Reserve the name first (a recursive format would otherwise loop); definitions are listed in the
                // order they are first referred to.
                definitions[name] = [];
                order.Add(name);
                definitions[name] = ObjectSchema(other, definitions, order);
            }
        }

        return result;
    }

    /// <summary>The format objects reachable from a type, depth first in member order, the type itself first.</summary>
    private static List<Type> ReadingOrder(Type type, List<Type> seen)
    {
        seen.Add(type);
        foreach (var property in WorkflowDefinitionFormat.Properties(type))
        {
            var member = WorkflowDefinitionFormat.ItemType(property.PropertyType)
                ?? (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)
                    ? property.PropertyType.GetGenericArguments()[1]
                    : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
            if (WorkflowDefinitionFormat.IsFormatObject(member) && !seen.Contains(member))
            {
                ReadingOrder(member, seen);
            }
        }

        return seen;
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode node, Dictionary<string, JsonObject> definitions, List<Type> referenced)
    {
        // "true" (anything) becomes an object, so that it can carry a title.
        var schema = node as JsonObject ?? [];
        var type = context.TypeInfo.Type;
        if (context.Path.Length > 0 && type.GetCustomAttribute<FormatObjectAttribute>() is { } other)
        {
            referenced.Add(type);
            schema = new JsonObject { ["$ref"] = $"#/$defs/{other.Name}" };
        }
        else
        {
            OmitNull(schema);
        }

        if (context.TypeInfo.Kind == JsonTypeInfoKind.Dictionary && context.TypeInfo.ElementType is { } element
            && element.GetCustomAttribute<FormatObjectAttribute>() is { } value)
        {
            // A value type with a converter of its own (an input value) is opaque to the exporter: refer to its definition.
            referenced.Add(element);
            schema["additionalProperties"] = new JsonObject { ["$ref"] = $"#/$defs/{value.Name}" };
        }

        if (context.PropertyInfo is { IsExtensionData: true })
        {
            // The holder of unknown members is no member of the format; AllowsUnknownMembers decides what the schema says.
            return schema;
        }

        if (context.PropertyInfo is { Get: not null } property)
        {
            schema = Member(property, schema, definitions);
        }
        else if (context.Path.Length == 0 && context.TypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            var required = new JsonArray();
            foreach (var member in context.TypeInfo.Properties.Where(p => p.Get is not null && !p.IsExtensionData && WorkflowDefinitionFormat.IsRequiredInDocuments(p)))
            {
                required.Add(member.Name);
            }

            schema.Remove("required");
            if (required.Count > 0)
            {
                schema["required"] = required;
            }
        }

        return schema;
    }

    private static JsonObject Member(JsonPropertyInfo property, JsonObject schema, Dictionary<string, JsonObject> definitions)
    {
        var documentation = WorkflowDefinitionFormat.Documentation(property);
        foreach (var rule in WorkflowDefinitionFormat.Rules(property))
        {
            rule.Describe(schema, definitions);
        }

        var result = new JsonObject { ["title"] = documentation.Title, ["description"] = documentation.Description };
        foreach (var (keyword, value) in schema.ToList())
        {
            schema.Remove(keyword);
            result[keyword] = value;
        }

        if (Default(property) is { } value2)
        {
            result["default"] = value2;
        }

        return result;
    }

    /// <summary>
    /// The value the record gives a member that a document leaves out, when it is a plain value (text, number, flag,
    /// duration): read from a record made of an empty object, so the initializer is the one source.
    /// </summary>
    private static JsonNode? Default(JsonPropertyInfo property)
    {
        if (WorkflowDefinitionFormat.IsRequiredInDocuments(property) || property.DeclaringType == typeof(WorkflowDefinition))
        {
            return null;
        }

        var empty = JsonSerializer.Deserialize("{}", property.DeclaringType, WorkflowDefinitionFormat.ReadOptions);
        var value = empty is null ? null : property.Get!(empty);
        return value is string or bool or int or double or TimeSpan
            ? JsonSerializer.SerializeToNode(value, property.PropertyType, WorkflowDefinitionFormat.WriteOptions)
            : null;
    }

    /// <summary>
    /// The portal never writes null (a member without a value is left out): the schema describes the files the portal
    /// writes, so a nullable member is described by its value's type alone.
    /// </summary>
    private static void OmitNull(JsonObject schema)
    {
        if (schema["type"] is JsonArray types)
        {
            var rest = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
            schema["type"] = rest.Count == 1 ? rest[0] : new JsonArray([.. rest.Select(t => (JsonNode)t)]);
        }
    }
}
