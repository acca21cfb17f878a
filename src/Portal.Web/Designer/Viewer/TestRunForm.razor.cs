using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer.Viewer;

/// <summary>
/// The sample inputs of a test run: a field per input the workflow declares, of the right kind for its type (text,
/// a password field for a secret, number, switch, JSON for lists and objects), filled with its default. Submitting
/// checks every field and hands over the inputs object; problems show under their fields.
/// </summary>
public sealed partial class TestRunForm
{
    private IReadOnlyDictionary<string, string> fieldErrors = new Dictionary<string, string>();
    private WorkflowDefinition? shownFor;

    /// <summary>The workflow (the draft) whose declared inputs the form asks for.</summary>
    [Parameter, EditorRequired] public WorkflowDefinition Definition { get; set; } = null!;

    /// <summary>Told the inputs when they are all valid.</summary>
    [Parameter] public EventCallback<JsonObject> Submitted { get; set; }

    /// <summary>While a run is being started: the button waits.</summary>
    [Parameter] public bool Busy { get; set; }

    public TestRunInputs Inputs { get; private set; } = null!;

    private IReadOnlyDictionary<string, string> Errors => fieldErrors;

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(shownFor, Definition))
        {
            shownFor = Definition;
            Inputs = new TestRunInputs(Definition.Inputs);
            fieldErrors = new Dictionary<string, string>();
        }
    }

    private static string? HelpFor(WorkflowInput input) => input switch
    {
        { Secret: true } => "Secret: masked in the journal.",
        { Type: "array" } => "A JSON list, e.g. [\"a\", \"b\"].",
        { Type: "object" } => "A JSON object.",
        { Type: "guid" } => "An id, e.g. 3f2504e0-4f89-41d3-9a0c-0305e82c3301.",
        { Type: "duration" } => $"A duration: {DurationRule.Forms}.",
        { Type: "datetime" } => "An ISO 8601 time, e.g. 2026-12-07T12:00:00Z.",
        { Type: not ("string" or "number" or "integer" or "boolean") } => $"Type {input.Type}: any JSON value.",
        _ => null,
    };

    private async Task SubmitAsync()
    {
        var (inputs, errors) = Inputs.Build();
        fieldErrors = errors;
        if (inputs is not null)
        {
            await Submitted.InvokeAsync(inputs);
        }
    }
}
