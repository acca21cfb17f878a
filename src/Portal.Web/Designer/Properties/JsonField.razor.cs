using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;

namespace Portal.Web.Designer.Properties;

/// <summary>Any JSON value, typed as text and checked when committed; what does not parse is kept on screen with the reason, and not stored.</summary>
public sealed partial class JsonField
{
    private string? text;
    private string? error;
    private JsonNode? shown;
    private bool initialised;

    /// <summary>The stored value.</summary>
    [Parameter] public JsonNode? Value { get; set; }

    /// <summary>Receives the parsed value (null when the text was cleared).</summary>
    [Parameter] public EventCallback<JsonNode?> ValueChanged { get; set; }

    /// <summary>The field's label.</summary>
    [Parameter] public string? Label { get; set; }

    protected override void OnParametersSet()
    {
        if (!initialised || !ReferenceEquals(shown, Value))
        {
            initialised = true;
            shown = Value;
            text = LiteralValues.Pretty(Value);
            error = null;
        }
    }

    private async Task CommitAsync(string? value)
    {
        text = value;
        var (parsed, problem) = LiteralValues.ParseJson(value);
        error = problem;
        if (problem is null)
        {
            shown = parsed;
            await ValueChanged.InvokeAsync(parsed);
        }
    }
}
