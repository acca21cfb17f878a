using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Domain.Validation;
using Portal.Workflows.Definitions.Format;

namespace Portal.Workflows.Definitions;

/// <summary>
/// Reads and writes the public JSON shape of a <see cref="WorkflowDefinition"/>, the one admins import, export and
/// keep in <c>workflows/</c> (described by <c>workflows/workflow-definition.schema.json</c>, generated from the same
/// records: see <see cref="WorkflowDefinitionFormat"/>). Reading returns a result with messages an admin can act on
/// (line, JSON path, member); it throws only for bugs.
/// </summary>
/// <remarks>
/// Unknown members are allowed at the top level and on activities, on purpose: a definition exported by a newer
/// portal of the same schema version, or carrying a member a tool added, still imports, and they are kept
/// (<see cref="UnknownMembers"/>) and written back. Inside nested objects (inputs, variables, input values,
/// connections, retry, position) they are refused, naming the member and its line, as the JSON Schema refuses
/// them there: a typo is caught rather than silently dropped on the next save.
/// </remarks>
public static partial class WorkflowDefinitionJson
{
    /// <summary>The largest definition read: 2 MB of UTF-8. Real flowcharts are a few kilobytes.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    public static ValidationResult<WorkflowDefinition> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var size = Encoding.UTF8.GetByteCount(json);
        return size > MaxBytes ? TooLarge($"{size:N0} bytes") : ParseUtf8(Encoding.UTF8.GetBytes(json));
    }

    public static ValidationResult<WorkflowDefinition> Parse(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = utf8Json.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return TooLarge("more than that");
            }
        }

        return ParseUtf8(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    public static async Task<ValidationResult<WorkflowDefinition>> ParseAsync(Stream utf8Json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await utf8Json.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return TooLarge("more than that");
            }
        }

        return ParseUtf8(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>
    /// The definition as indented JSON (camelCase, "\n" line ends, members in the order of the records, nulls,
    /// false flags, empty activity inputs and an empty variable list left out), ready to be kept in version control.
    /// </summary>
    public static string Write(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return JsonSerializer.Serialize(definition, WorkflowDefinitionFormat.WriteOptions);
    }

    private static ValidationResult<WorkflowDefinition> ParseUtf8(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8 = utf8[Encoding.UTF8.Preamble.Length..];
        }

        WorkflowDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<WorkflowDefinition>(utf8, WorkflowDefinitionFormat.ReadOptions);
        }
        catch (JsonException exception)
        {
            return ValidationResult<WorkflowDefinition>.Failure([NewerVersionError(utf8) ?? Describe(exception, utf8)]);
        }

        if (definition is null)
        {
            return ValidationResult<WorkflowDefinition>.Failure("", "A workflow definition is a JSON object, not null.");
        }

        var errors = WorkflowDefinitionFormat.Check(definition);
        return errors.Count == 0 ? ValidationResult<WorkflowDefinition>.Success(definition) : ValidationResult<WorkflowDefinition>.Failure(errors);
    }

    private static ValidationResult<WorkflowDefinition> TooLarge(string size) =>
        ValidationResult<WorkflowDefinition>.Failure(
            "",
            $"The definition is too large ({size}): a workflow definition may be at most {MaxBytes / (1024 * 1024)} MB. " +
            "Split the flowchart into smaller workflows.");

    /// <summary>
    /// When a document does not fit this portal's records, it may simply be from a newer portal; that is the
    /// message to give then, rather than the first member that happens not to fit.
    /// </summary>
    private static ValidationError? NewerVersionError(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("schemaVersion", out var version)
                && version.ValueKind == JsonValueKind.Number
                && version.TryGetInt32(out var number)
                && number > WorkflowDefinition.CurrentSchemaVersion)
            {
                return SchemaVersionAttribute.Problem(number);
            }
        }
        catch (JsonException)
        {
            // Not even well-formed: the caller reports the syntax error.
        }

        return null;
    }

    private static ValidationError Describe(JsonException exception, ReadOnlySpan<byte> utf8)
    {
        var line = (int)(exception.LineNumber ?? 0) + 1;
        var column = (int)(exception.BytePositionInLine ?? 0) + 1;
        var path = exception.Path ?? "$";
        var field = path == "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

        if (exception.InnerException is JsonException syntax)
        {
            if (utf8.Trim(" \t\r\n"u8).IsEmpty)
            {
                return new ValidationError(field, "The definition is empty; a workflow definition is a JSON object ({ \"schemaVersion\": 1, \"id\": … }).");
            }

            // Utf8JsonReader stops at the token after the mistake: for a missing comma, that is the next line.
            var previous = LineOfPreviousToken(utf8, exception.LineNumber ?? 0, exception.BytePositionInLine ?? 0);
            var hint = previous is { } p && p < line ? $" (the value before it ends on line {p})" : "";
            var where = field.Length == 0 ? "at the top level" : $"in {field}";
            return new ValidationError(
                field,
                $"The JSON is malformed at line {line}, column {column}{hint}, {where}: {WithoutLocation(syntax.Message)}");
        }

        if (field.Length == 0)
        {
            return new ValidationError(field, $"Line {line}: a workflow definition is a JSON object ({{ \"schemaVersion\": 1, \"id\": … }}).");
        }

        if (UnknownMember(exception.Message) is { } unknown)
        {
            var owner = field.EndsWith("." + unknown.Name, StringComparison.Ordinal) ? field[..^(unknown.Name.Length + 1)] : field;
            return new ValidationError(
                owner,
                $"Line {line}, {owner}: \"{unknown.Name}\" is not a member of {unknown.Owner}. It has only {string.Join(", ", unknown.Known)}; " +
                "members the portal does not know are allowed only at the top level and on activities.");
        }

        return exception is FormatValueException
            ? new ValidationError(field, $"Line {line}, {field}: {exception.Message}")
            : new ValidationError(field, $"Line {line}, {field}: the value has the wrong type or format for this member.");
    }

    /// <summary>
    /// The member the serializer refused in an object that allows no unknown members (see
    /// <see cref="FormatObjectAttribute.AllowsUnknownMembers"/>): its name, the object's title and its known members.
    /// The serializer says so only in its message; a test pins the wording.
    /// </summary>
    private static (string Name, string Owner, IEnumerable<string> Known)? UnknownMember(string message)
    {
        var match = UnmappedMember().Match(message);
        if (!match.Success || typeof(WorkflowDefinition).Assembly.GetType(match.Groups["type"].Value) is not { } type
            || type.GetCustomAttribute<FormatObjectAttribute>() is not { } format)
        {
            return null;
        }

        return (match.Groups["name"].Value, $"a {format.Title.ToLowerInvariant()}", WorkflowDefinitionFormat.Properties(type).Select(p => p.Name));
    }

    [GeneratedRegex(@"^The JSON property '(?<name>.*)' could not be mapped to any \.NET member contained in type '(?<type>[^']+)'", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex UnmappedMember();

    /// <summary>The 1-based line where the last token before the given position ends, or null at the very start.</summary>
    private static int? LineOfPreviousToken(ReadOnlySpan<byte> utf8, long lineNumber, long bytePositionInLine)
    {
        var offset = 0;
        for (var newlines = 0L; newlines < lineNumber && offset < utf8.Length; offset++)
        {
            if (utf8[offset] == (byte)'\n')
            {
                newlines++;
            }
        }

        var index = Math.Min(offset + (int)bytePositionInLine, utf8.Length) - 1;
        while (index >= 0 && utf8[index] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            index--;
        }

        return index < 0 ? null : utf8[..(index + 1)].Count((byte)'\n') + 1;
    }

    /// <summary>The reader's message without its 0-based " LineNumber: … | BytePositionInLine: …" suffix.</summary>
    private static string WithoutLocation(string message)
    {
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return suffix < 0 ? message : message[..suffix].TrimEnd();
    }
}
