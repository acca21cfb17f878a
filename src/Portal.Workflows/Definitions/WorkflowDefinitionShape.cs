using System.Text.RegularExpressions;
using Portal.Domain.Validation;

namespace Portal.Workflows.Definitions;

/// <summary>
/// The checks on a freshly deserialized definition that the serializer cannot make with a useful message: required
/// members (the serializer is told not to enforce them, so the message can name the member and where it is
/// missing), nulls, the schema version, id syntax and unique activity ids. It mirrors the rules of
/// <c>workflows/workflow-definition.schema.json</c>; whether connections lead to existing activities is the
/// business of the flowchart's validation, not of the file format.
/// </summary>
internal static partial class WorkflowDefinitionShape
{
    /// <summary>What <see cref="WorkflowDefinition.SchemaVersion"/> holds after reading a document that lacks it.</summary>
    public const int MissingSchemaVersion = int.MinValue;

    private const string TopLevel = "the definition";

    public static IReadOnlyList<ValidationError> Check(WorkflowDefinition definition)
    {
        var errors = new List<ValidationError>();
        if (CheckSchemaVersion(definition.SchemaVersion) is { } versionError)
        {
            errors.Add(versionError);
            if (definition.SchemaVersion > WorkflowDefinition.CurrentSchemaVersion)
            {
                // A newer format may mean anything; the rest of the checks would only add noise.
                return errors;
            }
        }

        CheckId(errors, definition.Id, "id", TopLevel, "Workflow id");
        if (definition.Name is null)
        {
            errors.Add(Missing("name", TopLevel));
        }
        else if (string.IsNullOrWhiteSpace(definition.Name))
        {
            errors.Add(new ValidationError("name", "The workflow's name must not be empty."));
        }

        CheckInputs(errors, definition.Inputs);
        CheckVariables(errors, definition.Variables);
        CheckActivities(errors, definition.Activities);
        CheckConnections(errors, definition.Connections);
        return errors;
    }

    public static ValidationError? CheckSchemaVersion(int version) => version switch
    {
        MissingSchemaVersion => new ValidationError(
            "schemaVersion",
            $"Required member 'schemaVersion' is missing from {TopLevel}; this portal reads version {WorkflowDefinition.CurrentSchemaVersion}."),
        > WorkflowDefinition.CurrentSchemaVersion => new ValidationError(
            "schemaVersion",
            $"This definition has schemaVersion {version}: it was written by a newer portal, and this portal reads only " +
            $"version {WorkflowDefinition.CurrentSchemaVersion}. Update the portal, or export the workflow from a portal of this version."),
        < 1 => new ValidationError("schemaVersion", $"schemaVersion {version} does not exist; the first version is 1."),
        _ => null,
    };

    private static void CheckInputs(List<ValidationError> errors, IReadOnlyList<WorkflowInput> inputs)
    {
        if (inputs is null)
        {
            errors.Add(NotNull("inputs", "an array"));
            return;
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var path = $"inputs[{i}]";
            if (inputs[i] is not { } input)
            {
                errors.Add(NotNull(path, "an object"));
                continue;
            }

            CheckName(errors, input.Name, path);
            if (input.Type is null)
            {
                errors.Add(NotNull($"{path}.type", "a string"));
            }
        }
    }

    private static void CheckVariables(List<ValidationError> errors, IReadOnlyList<WorkflowVariable> variables)
    {
        if (variables is null)
        {
            errors.Add(NotNull("variables", "an array"));
            return;
        }

        for (var i = 0; i < variables.Count; i++)
        {
            var path = $"variables[{i}]";
            if (variables[i] is not { } variable)
            {
                errors.Add(NotNull(path, "an object"));
                continue;
            }

            CheckName(errors, variable.Name, path);
            if (variable.Type is null)
            {
                errors.Add(NotNull($"{path}.type", "a string"));
            }
        }
    }

    private static void CheckName(List<ValidationError> errors, string name, string path)
    {
        if (name is null)
        {
            errors.Add(Missing($"{path}.name", path));
        }
        else if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new ValidationError($"{path}.name", $"The name in {path} must not be empty."));
        }
    }

    private static void CheckActivities(List<ValidationError> errors, IReadOnlyList<ActivityNode> activities)
    {
        if (activities is null)
        {
            errors.Add(Missing("activities", TopLevel));
            return;
        }

        var firstUse = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < activities.Count; i++)
        {
            var path = $"activities[{i}]";
            if (activities[i] is not { } activity)
            {
                errors.Add(NotNull(path, "an object"));
                continue;
            }

            if (CheckId(errors, activity.Id, $"{path}.id", path, "Activity id"))
            {
                if (firstUse.TryGetValue(activity.Id, out var first))
                {
                    errors.Add(new ValidationError($"{path}.id", $"Activity id '{activity.Id}' is used more than once (first by {first}); ids must be unique."));
                }
                else
                {
                    firstUse.Add(activity.Id, path);
                }
            }

            if (activity.Type is null)
            {
                errors.Add(Missing($"{path}.type", path));
            }
            else if (string.IsNullOrWhiteSpace(activity.Type))
            {
                errors.Add(new ValidationError($"{path}.type", $"The activity type in {path} must not be empty."));
            }

            if (activity.Inputs is null)
            {
                errors.Add(NotNull($"{path}.inputs", "an object"));
            }

            if (activity.Retry is { } retry)
            {
                CheckRetry(errors, retry, $"{path}.retry");
            }

            if (activity.CompensateWith is not null)
            {
                CheckId(errors, activity.CompensateWith, $"{path}.compensateWith", path, "The compensating activity id");
            }
        }
    }

    private static void CheckRetry(List<ValidationError> errors, RetryPolicy retry, string path)
    {
        if (retry.MaxAttempts < 1)
        {
            errors.Add(new ValidationError($"{path}.maxAttempts", $"maxAttempts counts every attempt, so it is at least 1 (1 = no retry), not {retry.MaxAttempts}."));
        }

        if (retry.InitialDelay < TimeSpan.Zero)
        {
            errors.Add(new ValidationError($"{path}.initialDelay", "initialDelay must not be negative."));
        }

        if (retry.MaxDelay < TimeSpan.Zero)
        {
            errors.Add(new ValidationError($"{path}.maxDelay", "maxDelay must not be negative."));
        }
    }

    private static void CheckConnections(List<ValidationError> errors, IReadOnlyList<Connection> connections)
    {
        if (connections is null)
        {
            errors.Add(NotNull("connections", "an array"));
            return;
        }

        for (var i = 0; i < connections.Count; i++)
        {
            var path = $"connections[{i}]";
            if (connections[i] is not { } connection)
            {
                errors.Add(NotNull(path, "an object"));
                continue;
            }

            CheckId(errors, connection.From, $"{path}.from", path, "The activity id in 'from'");
            if (connection.Outcome is null)
            {
                errors.Add(Missing($"{path}.outcome", path));
            }
            else if (string.IsNullOrWhiteSpace(connection.Outcome))
            {
                errors.Add(new ValidationError($"{path}.outcome", $"The outcome in {path} must not be empty."));
            }

            CheckId(errors, connection.To, $"{path}.to", path, "The activity id in 'to'");
        }
    }

    /// <summary>Reports a missing or malformed id; true when the id is well-formed.</summary>
    private static bool CheckId(List<ValidationError> errors, string id, string field, string owner, string what)
    {
        if (id is null)
        {
            errors.Add(Missing(field, owner));
            return false;
        }

        if (!IdPattern().IsMatch(id))
        {
            errors.Add(new ValidationError(
                field,
                $"{what} '{id}' must start with a letter and contain only letters, digits, '.', '_' and '-'."));
            return false;
        }

        return true;
    }

    private static ValidationError Missing(string field, string owner)
    {
        var member = field[(field.LastIndexOf('.') + 1)..];
        return new ValidationError(field, $"Required member '{member}' is missing from {owner}.");
    }

    private static ValidationError NotNull(string field, string expected) =>
        new(field, $"{field} must be {expected}, not null.");

    /// <summary>
    /// The id syntax of definitions and activities; the JSON Schema states the same pattern with <c>$</c>, which in .NET
    /// would also accept a trailing newline, hence <c>\z</c>.
    /// </summary>
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9._-]*\z")]
    private static partial Regex IdPattern();
}
