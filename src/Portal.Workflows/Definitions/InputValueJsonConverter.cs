using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Portal.Workflows.Definitions.Format;

namespace Portal.Workflows.Definitions;

/// <summary>
/// Reads and writes an <see cref="InputValue"/> as <c>{ "value": &lt;any JSON&gt; }</c> or
/// <c>{ "expression": "&lt;JavaScript&gt;" }</c>: exactly one of the two. <c>{ "value": null }</c> is a literal null.
/// </summary>
internal sealed class InputValueJsonConverter : JsonConverter<InputValue>
{
    private const string ValueMember = "value";
    private const string ExpressionMember = "expression";

    /// <summary>A null input is a mistake in the document, reported like any other shape error.</summary>
    public override bool HandleNull => true;

    public override InputValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidInputException(
                $"An input is an object with either \"{ValueMember}\" (any JSON) or \"{ExpressionMember}\" (JavaScript), not {Describe(reader.TokenType)}.");
        }

        JsonNode? value = null;
        var hasValue = false;
        string? expression = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var member = reader.GetString();
            reader.Read();
            switch (member)
            {
                case ValueMember:
                    value = JsonNode.Parse(ref reader);
                    hasValue = true;
                    break;
                case ExpressionMember:
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw new InvalidInputException($"An input's \"{ExpressionMember}\" is a string of JavaScript, not {Describe(reader.TokenType)}.");
                    }

                    expression = reader.GetString();
                    if (string.IsNullOrWhiteSpace(expression))
                    {
                        throw new InvalidInputException($"An input's \"{ExpressionMember}\" must not be empty.");
                    }

                    break;
                default:
                    // As the schema says: an input has exactly these members; anything else would be dropped on save.
                    throw new InvalidInputException(
                        $"An input has only \"{ValueMember}\" or \"{ExpressionMember}\"; \"{member}\" is not a member of it.");
            }
        }

        return (hasValue, expression) switch
        {
            (true, not null) => throw new InvalidInputException(
                $"An input has both \"{ValueMember}\" and \"{ExpressionMember}\"; keep exactly one."),
            (false, null) => throw new InvalidInputException(
                $"An input needs either \"{ValueMember}\" (any JSON) or \"{ExpressionMember}\" (JavaScript)."),
            (true, null) => InputValue.Literal(value),
            (false, not null) => InputValue.Script(expression),
        };
    }

    public override void Write(Utf8JsonWriter writer, InputValue value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        if (value.Expression is not null && value.Value is not null)
        {
            throw new InvalidOperationException("An input value has both a literal value and an expression; it must have exactly one.");
        }

        writer.WriteStartObject();
        if (value.Expression is { } expression)
        {
            writer.WriteString(ExpressionMember, expression);
        }
        else
        {
            writer.WritePropertyName(ValueMember);
            if (value.Value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.Value.WriteTo(writer, options);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>The input's shape as JSON Schema: the same two members and the same "exactly one" as <see cref="Read"/>.</summary>
    internal static JsonObject Schema() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            [ValueMember] = new JsonObject
            {
                ["title"] = "Literal value",
                ["description"] = "Any JSON value, used as it is. { \"value\": null } is a literal null.",
            },
            [ExpressionMember] = new JsonObject
            {
                ["title"] = "Expression",
                ["description"] = "JavaScript evaluated when the activity runs; it reads input.NAME, variables.NAME and outputs.ACTIVITY, e.g. \"variables.approvals + 1\".",
                ["type"] = "string",
                ["minLength"] = 1,
                ["pattern"] = "\\S",
            },
        },
        ["oneOf"] = new JsonArray
        {
            new JsonObject { ["title"] = "Literal", ["description"] = "A literal value.", ["required"] = new JsonArray(ValueMember) },
            new JsonObject { ["title"] = "Script", ["description"] = "A JavaScript expression.", ["required"] = new JsonArray(ExpressionMember) },
        },
    };

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Null => "null",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };

    /// <summary>A shape error in an input; its message is written for the admin who edits the definition.</summary>
    internal sealed class InvalidInputException(string message) : FormatValueException(message);
}
