using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer.Properties;

/// <summary>
/// The workflow's own properties, shown when no activity is selected: name, description, and its inputs and
/// variables (add, remove, name, type, default, required, secret). Each change is one undoable edit.
/// </summary>
public sealed partial class WorkflowProperties
{
    /// <summary>The types the engine's variables declare.</summary>
    public static readonly IReadOnlyList<string> Types = ["string", "number", "boolean", "array", "object", "any"];

    /// <summary>The types a workflow input may declare; a start checks each supplied value against its input's type.</summary>
    public static IReadOnlyList<string> InputTypes => WorkflowInputTypes.All;

    private readonly Dictionary<string, string> defaultErrors = [];

    /// <summary>The definition being edited.</summary>
    [Parameter, EditorRequired] public DesignerDocument Document { get; set; } = null!;

    /// <summary>The last validation's errors.</summary>
    [Parameter] public ValidationIndex Validation { get; set; } = ValidationIndex.Empty;

    private WorkflowDefinition Definition => Document.Definition;

    private IEnumerable<string> NameErrors => Validation.Workflow.Where(e => e.Field == "name").Select(e => e.Message);

    private static IEnumerable<string> TypesWith(string current) => Types.Contains(current) ? Types : [.. Types, current];

    private static IEnumerable<string> InputTypesWith(string current) => InputTypes.Contains(current) ? InputTypes : [.. InputTypes, current];

    /// <summary>Types whose values are written as plain text: a string, and the string forms the start checks (an id, a duration, a time).</summary>
    private static bool IsText(string type) => type is WorkflowInputTypes.String or WorkflowInputTypes.Guid or WorkflowInputTypes.Duration or WorkflowInputTypes.DateTime;

    /// <summary>A default as typed: plain text for a string, JSON for anything else.</summary>
    public static string? DefaultText(JsonNode? value, string type) =>
        value is null ? null : IsText(type) && value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();

    /// <summary>What was typed as a default: text for a string input, otherwise JSON (a number, true, [..]…).</summary>
    public static (JsonNode? Value, string? Error) ParseDefault(string? text, string type) =>
        string.IsNullOrEmpty(text) ? (null, null)
        : IsText(type) ? (JsonValue.Create(text), null)
        : LiteralValues.ParseJson(text);

    private Task SetNameAsync(string? name)
    {
        Document.EditWorkflow("Rename the workflow", d => d.Name == (name ?? "").Trim() ? d : d with { Name = (name ?? "").Trim() });
        return Task.CompletedTask;
    }

    private Task SetDescriptionAsync(string? text)
    {
        var description = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        Document.EditWorkflow("Change the description", d => d.Description == description ? d : d with { Description = description });
        return Task.CompletedTask;
    }

    private Task AddInputAsync()
    {
        var name = FreeName(Definition.Inputs.Select(i => i.Name), "input");
        Document.EditWorkflow($"Add the input {name}", d => d with { Inputs = [.. d.Inputs, new WorkflowInput { Name = name }] });
        return Task.CompletedTask;
    }

    private Task EditInputAsync(int index, Func<WorkflowInput, WorkflowInput> change)
    {
        Document.EditWorkflow($"Change the input {Definition.Inputs[index].Name}", d =>
        {
            var next = change(d.Inputs[index]);
            return next == d.Inputs[index] ? d : d with { Inputs = [.. d.Inputs.Select((x, i) => i == index ? next : x)] };
        });
        return Task.CompletedTask;
    }

    private Task RemoveInputAsync(int index)
    {
        Document.EditWorkflow($"Remove the input {Definition.Inputs[index].Name}", d => d with { Inputs = [.. d.Inputs.Where((_, i) => i != index)] });
        return Task.CompletedTask;
    }

    private Task AddVariableAsync()
    {
        var name = FreeName(Definition.Variables.Select(v => v.Name), "variable");
        Document.EditWorkflow($"Add the variable {name}", d => d with { Variables = [.. d.Variables, new WorkflowVariable { Name = name }] });
        return Task.CompletedTask;
    }

    private Task EditVariableAsync(int index, Func<WorkflowVariable, WorkflowVariable> change)
    {
        Document.EditWorkflow($"Change the variable {Definition.Variables[index].Name}", d =>
        {
            var next = change(d.Variables[index]);
            return next == d.Variables[index] ? d : d with { Variables = [.. d.Variables.Select((x, i) => i == index ? next : x)] };
        });
        return Task.CompletedTask;
    }

    private Task RemoveVariableAsync(int index)
    {
        Document.EditWorkflow($"Remove the variable {Definition.Variables[index].Name}", d => d with { Variables = [.. d.Variables.Where((_, i) => i != index)] });
        return Task.CompletedTask;
    }

    /// <summary>
    /// The field a default of this type gets when a typed one fits: the property panel's own InputField, so a duration
    /// shows its unit and reads by the one duration rule (a bare number never means days), a number gets a number
    /// field, a flag a switch. Null for the others (text, id, date, JSON), which keep the checked text box.
    /// </summary>
    public static ActivityInputDescriptor? TypedDefault(string type) => type switch
    {
        WorkflowInputTypes.Duration => new(DefaultName, WorkflowInputTypes.Duration),
        WorkflowInputTypes.Number or WorkflowInputTypes.Integer => new(DefaultName, WorkflowInputTypes.Number),
        WorkflowInputTypes.Boolean => new(DefaultName, WorkflowInputTypes.Boolean),
        _ => null,
    };

    private const string DefaultName = "default";

    /// <summary>A default as the field's value: definitions have no expression defaults, so always a literal.</summary>
    private static InputValue? AsLiteral(JsonNode? value) => value is null ? null : InputValue.Literal(value.DeepClone());

    private Task SetDefaultAsync(string key, string? text, string type, Func<JsonNode?, Task> apply)
    {
        var (value, error) = ParseDefault(text, type);
        if (error is not null)
        {
            // Keyed by the row; shown until the field is left, the value is not stored.
            defaultErrors[key] = error;
            return Task.CompletedTask;
        }

        defaultErrors.Remove(key);
        return apply(value);
    }

    private static string FreeName(IEnumerable<string> taken, string stem)
    {
        var names = taken.ToHashSet(StringComparer.Ordinal);
        for (var n = 1; ; n++)
        {
            var name = n == 1 ? stem : $"{stem}{n}";
            if (!names.Contains(name))
            {
                return name;
            }
        }
    }
}
