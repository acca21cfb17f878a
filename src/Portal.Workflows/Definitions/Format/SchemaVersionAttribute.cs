using System.Text.Json.Nodes;
using Portal.Domain.Validation;

namespace Portal.Workflows.Definitions.Format;

/// <summary>The version of the file format: this portal reads <see cref="WorkflowDefinition.CurrentSchemaVersion"/> and refuses newer ones.</summary>
public sealed class SchemaVersionAttribute : FormatRuleAttribute
{
    /// <summary>What the reader puts in <see cref="WorkflowDefinition.SchemaVersion"/> for a document that lacks it.</summary>
    public const int Missing = int.MinValue;

    public static ValidationError? Problem(int version, string field = "schemaVersion") => version switch
    {
        Missing => new ValidationError(
            field,
            $"Required member 'schemaVersion' is missing from the definition; this portal reads version {WorkflowDefinition.CurrentSchemaVersion}."),
        > WorkflowDefinition.CurrentSchemaVersion => new ValidationError(
            field,
            $"This definition has schemaVersion {version}: it was written by a newer portal, and this portal reads only " +
            $"version {WorkflowDefinition.CurrentSchemaVersion}. Update the portal, or export the workflow from a portal of this version."),
        < 1 => new ValidationError(field, $"schemaVersion {version} does not exist; the first version is 1."),
        _ => null,
    };

    public override IEnumerable<ValidationError> Check(object value, FormatMember member) =>
        value is int version && Problem(version, member.Field) is { } problem ? [problem] : [];

    public override void Describe(JsonObject schema, IDictionary<string, JsonObject> definitions)
    {
        schema.Remove("type");
        schema["const"] = WorkflowDefinition.CurrentSchemaVersion;
    }
}
