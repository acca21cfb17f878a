using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Portal.Domain.Security;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer.Properties;

/// <summary>
/// One input of an activity: the field its descriptor's type calls for, or — switched to "fx" — a JavaScript
/// expression with the names in scope listed under it. Each commit (leaving a field, picking an option) is one edit.
/// </summary>
public sealed partial class InputField
{
    private bool expression;
    private InputValue? shown;
    private bool initialised;

    /// <summary>The input as the activity's descriptor declares it.</summary>
    [Parameter, EditorRequired] public ActivityInputDescriptor Input { get; set; } = null!;

    /// <summary>
    /// Only a literal value, without the switch to an expression: for the defaults of the workflow's inputs and
    /// variables, which the format holds as plain JSON.
    /// </summary>
    [Parameter] public bool LiteralOnly { get; set; }

    /// <summary>The input's value in the definition; null when unset.</summary>
    [Parameter] public InputValue? Value { get; set; }

    /// <summary>Receives the new value, or null to unset the input.</summary>
    [Parameter] public EventCallback<InputValue?> ValueChanged { get; set; }

    /// <summary>What an expression here can read.</summary>
    [Parameter] public ExpressionScopeHints Scope { get; set; } = new([], [], []);

    /// <summary>The validator's messages about this input.</summary>
    [Parameter] public IReadOnlyList<string> Errors { get; set; } = [];

    /// <summary>Finds users for the user picker.</summary>
    [Parameter] public UserSearch? SearchUsers { get; set; }

    private InputEditorKind Kind => InputEditors.KindOf(Input);

    private string TypeLabel => Kind switch
    {
        InputEditorKind.Roles => "roles",
        InputEditorKind.Users => "users",
        InputEditorKind.Choice => "choice",
        _ => Input.Type,
    };

    private string? DefaultText => Input.Default is { } d ? $"Default: {LiteralValues.Text(d)}" : null;

    private IReadOnlyList<string> Roles => LiteralValues.Strings(Value?.Value) ?? [];

    /// <summary>The portal's roles, and any other name the definition already uses (kept, so nothing is lost on screen).</summary>
    private IEnumerable<string> RoleOptions => PortalRoles.All.Concat(Roles.Where(r => !PortalRoles.IsKnown(r)));

    protected override void OnParametersSet()
    {
        if (!initialised)
        {
            initialised = true;
            shown = Value;
            expression = Value?.IsExpression ?? InputEditors.PrefersExpression(Input);
            return;
        }

        // Undo, redo or another field changed the value under us: follow its kind. An unset value keeps the mode.
        if (!ReferenceEquals(shown, Value))
        {
            shown = Value;
            if (Value is not null)
            {
                expression = Value.IsExpression;
            }
        }
    }

    private async Task SwitchModeAsync(bool toExpression)
    {
        if (toExpression == expression)
        {
            return;
        }

        expression = toExpression;
        if (Value is null)
        {
            return;
        }

        // The value carries over where it can: a literal is already valid JavaScript, and an expression that is
        // only a literal becomes that literal. Anything else is cleared (undo brings it back).
        var next = toExpression
            ? Value.IsExpression ? Value : LiteralValues.AsExpression(Value.Value) is { Length: > 0 } source ? InputValue.Script(source) : null
            : Value.IsExpression ? LiteralValues.FromExpression(Value.Expression) is { } literal ? InputValue.Literal(literal) : null : Value;
        await CommitAsync(next);
    }

    private Task SetExpressionAsync(string? text) =>
        CommitAsync(string.IsNullOrWhiteSpace(text) ? null : InputValue.Script(text));

    private Task InsertAsync(string name)
    {
        var current = Value?.Expression;
        return SetExpressionAsync(string.IsNullOrWhiteSpace(current) ? name : $"{current.TrimEnd()} {name}");
    }

    private Task SetTextAsync(string? text) =>
        CommitAsync(string.IsNullOrEmpty(text) ? null : InputValue.Literal(JsonValue.Create(text)));

    private Task SetNumberAsync(double? number) =>
        CommitAsync(number is { } n ? InputValue.Literal(LiteralValues.NumberNode(n)) : null);

    private Task SetBooleanAsync(bool value) => CommitAsync(InputValue.Literal(JsonValue.Create(value)));

    private Task SetListAsync(IEnumerable<string> items)
    {
        var list = items.ToList();
        return CommitAsync(list.Count == 0 ? null : InputValue.Literal(LiteralValues.Array(list)));
    }

    private Task SetLiteralAsync(JsonNode? value) => CommitAsync(value is null ? null : InputValue.Literal(value));

    private Task CommitAsync(InputValue? value)
    {
        shown = value;
        return ValueChanged.InvokeAsync(value);
    }
}
