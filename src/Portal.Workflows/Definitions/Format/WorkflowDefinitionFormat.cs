using System.Collections;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Portal.Domain.Validation;

namespace Portal.Workflows.Definitions.Format;

/// <summary>
/// The definition file format, defined once: by the records in <c>Definitions/</c> and the attributes on them
/// (<see cref="FormatObjectAttribute"/>, <see cref="FormatMemberAttribute"/>, the <see cref="FormatRuleAttribute"/>s).
/// The serializer's contract, the reader's checks (<see cref="Check"/>) and the JSON Schema
/// (<see cref="WorkflowDefinitionSchema"/>) all come from them, so a new member is one edit of a record.
/// </summary>
/// <remarks>
/// The contract is System.Text.Json's reflection-based one on purpose: its source generator drops the initializers
/// of init-only members that a document leaves out (a definition without "inputs" would read with null inputs, a
/// retry policy without "maxAttempts" with 0), and the format's defaults are those initializers.
/// </remarks>
public static class WorkflowDefinitionFormat
{
    /// <summary>How definitions are written (and how the schema is generated): camelCase, indented, nulls, false flags and empty maps left out.</summary>
    public static JsonSerializerOptions WriteOptions { get; } = CreateOptions(reading: false);

    /// <summary>How definitions are read: like <see cref="WriteOptions"/>, but missing members are left for <see cref="Check"/> to name.</summary>
    internal static JsonSerializerOptions ReadOptions { get; } = CreateOptions(reading: true);

    /// <summary>
    /// The checks on a freshly read definition that the serializer cannot make with a useful message: required
    /// members (naming the member and where it is missing) and every <see cref="FormatRuleAttribute"/> of the records.
    /// Whether connections lead to existing activities is the business of the flowchart's validation, not the format's.
    /// </summary>
    public static IReadOnlyList<ValidationError> Check(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.SchemaVersion > WorkflowDefinition.CurrentSchemaVersion)
        {
            // A newer format may mean anything; the rest of the checks would only add noise.
            return [SchemaVersionAttribute.Problem(definition.SchemaVersion)!];
        }

        var errors = new List<ValidationError>();
        CheckObject(definition, "", "the definition", errors);
        return errors;
    }

    /// <summary>Whether the type is an object of the format (a record marked with <see cref="FormatObjectAttribute"/>).</summary>
    public static bool IsFormatObject(Type type) => type.GetCustomAttribute<FormatObjectAttribute>() is not null;

    /// <summary>The value and title of an object's member, by its JSON name; null when the object has no such member.</summary>
    internal static (object? Value, string Title)? Member(object owner, string jsonName)
    {
        var property = Properties(owner.GetType()).FirstOrDefault(p => p.Name == jsonName);
        return property is null ? null : (property.Get!(owner), Documentation(property).Title);
    }

    /// <summary>
    /// The members of a format object as the file has them: [JsonIgnore]d ones (computed for callers) and the
    /// holder of unknown members ([JsonExtensionData]) left out.
    /// </summary>
    public static IEnumerable<JsonPropertyInfo> Properties(Type type) =>
        WriteOptions.GetTypeInfo(type).Properties.Where(p => p.Get is not null && !p.IsExtensionData);

    internal static FormatMemberAttribute Documentation(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(FormatMemberAttribute), false).OfType<FormatMemberAttribute>().FirstOrDefault()
        ?? throw new InvalidOperationException(
            $"The format member '{property.Name}' of {property.DeclaringType.Name} has no [FormatMember]: every member of the format is documented.");

    internal static IEnumerable<FormatRuleAttribute> Rules(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(FormatRuleAttribute), false).OfType<FormatRuleAttribute>() ?? [];

    /// <summary>Whether a document must state the member: declared <c>required</c> (or a constructor parameter), or marked so.</summary>
    internal static bool IsRequiredInDocuments(JsonPropertyInfo property) =>
        property.IsRequired || Documentation(property).RequiredInDocuments;

    /// <summary>The format object a list holds, when it holds one.</summary>
    internal static Type? ItemType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        var item = enumerable?.GetGenericArguments()[0];
        return item is not null && IsFormatObject(item) ? item : null;
    }

    private static void CheckObject(object value, string path, string owner, List<ValidationError> errors)
    {
        foreach (var property in Properties(value.GetType()))
        {
            var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            var member = property.Get!(value);
            if (member is null)
            {
                // A null that the document stated is refused by the serializer (nullable annotations are respected),
                // so a null here is a member the document left out.
                if (IsRequiredInDocuments(property))
                {
                    errors.Add(new ValidationError(field, $"Required member '{property.Name}' is missing from {owner}."));
                }

                continue;
            }

            var documentation = Documentation(property);
            foreach (var rule in Rules(property))
            {
                errors.AddRange(rule.Check(member, new FormatMember(field, owner, documentation.Title, documentation.Description)));
            }

            if (IsFormatObject(member.GetType()))
            {
                CheckObject(member, field, field, errors);
            }
            else if (ItemType(property.PropertyType) is not null)
            {
                var index = 0;
                foreach (var item in (IEnumerable)member)
                {
                    var itemPath = $"{field}[{index++}]";
                    if (item is null)
                    {
                        errors.Add(new ValidationError(itemPath, $"{itemPath} must be an object, not null."));
                    }
                    else
                    {
                        CheckObject(item, itemPath, itemPath, errors);
                    }
                }
            }
        }
    }

    private static JsonSerializerOptions CreateOptions(bool reading)
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(reading ? ReadingContract : WritingContract);
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = !reading,
            WriteIndented = true,
            NewLine = "\n",
            // Expressions such as "a + 1" or "x < 3" stay readable; the output is a file, never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new InputValueJsonConverter(), new DurationJsonConverter() },
            TypeInfoResolver = resolver,
        };
        options.MakeReadOnly(populateMissingResolver: false);
        return options;
    }

    private static void WritingContract(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !IsFormatObject(typeInfo.Type))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType == typeof(bool))
            {
                // Flags default to false; a file states only those that are set.
                property.ShouldSerialize = static (_, value) => value is true;
            }
            else if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
            {
                // A map (an activity's inputs) is left out when empty.
                property.ShouldSerialize = static (_, value) => value is IEnumerable items && items.GetEnumerator().MoveNext();
            }
        }

        if (typeInfo.Type == typeof(WorkflowDefinition))
        {
            // A workflow without variables states none, so a file that leaves the list out is written back as it was
            // (the designer's round trip); "activities" and "inputs" are always written.
            var variables = typeInfo.Properties.Single(p => p.Name == "variables");
            variables.ShouldSerialize = static (_, value) => value is IReadOnlyList<WorkflowVariable> { Count: > 0 };
        }
    }

    private static void ReadingContract(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !IsFormatObject(typeInfo.Type))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            // Missing members are reported by Check, naming the member and where it is missing.
            property.IsRequired = false;
        }

        if (typeInfo.Type.GetCustomAttribute<FormatObjectAttribute>() is { AllowsUnknownMembers: false })
        {
            // Where the schema refuses unknown members, so does the reader (a typo in a connection or a retry policy
            // would otherwise be dropped on the next save); WorkflowDefinitionJson names the member and its line.
            typeInfo.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        }

        if (typeInfo.Type == typeof(WorkflowDefinition))
        {
            // A sentinel, so that a document without "schemaVersion" is told so rather than read as version 1.
            typeInfo.CreateObject = static () => new WorkflowDefinition
            {
                SchemaVersion = SchemaVersionAttribute.Missing,
                Id = null!,
                Name = null!,
                Activities = null!,
            };
        }
    }
}
