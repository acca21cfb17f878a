using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer.Properties;

/// <summary>
/// A duration as an amount and a unit the admin picks (seconds, minutes, hours, days), stored as the engine reads it
/// (<c>00:05:00</c>, <c>3.00:00:00</c>). The unit is always on screen: a bare number never means days by accident.
/// </summary>
public sealed partial class DurationField
{
    private double? amount;
    private DurationUnit unit = DurationUnit.Minutes;
    private JsonNode? shown;

    /// <summary>The stored literal: a TimeSpan string, a number of seconds, or null when unset.</summary>
    [Parameter] public JsonNode? Value { get; set; }

    /// <summary>Receives the new stored literal, or null when the amount was cleared.</summary>
    [Parameter] public EventCallback<JsonNode?> ValueChanged { get; set; }

    /// <summary>The field's label.</summary>
    [Parameter] public string? Label { get; set; }

    private string? Invalid { get; set; }

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(shown, Value) && shown is not null)
        {
            return;
        }

        shown = Value;
        Invalid = null;
        if (DurationValue.Read(Value) is { } duration)
        {
            amount = duration.Amount;
            unit = duration.Unit;
        }
        else
        {
            amount = null;
            if (Value is not null)
            {
                // The engine's own reason, so the designer refuses exactly what a publish and a run would.
                DurationRule.TryRead(Value, out _, out var reason);
                Invalid = $"{reason}; enter an amount and a unit.";
            }
        }
    }

    private Task SetAmountAsync(double? value)
    {
        amount = value;
        return EmitAsync();
    }

    private Task SetUnitAsync(DurationUnit value)
    {
        unit = value;
        return amount is null ? Task.CompletedTask : EmitAsync();
    }

    private Task EmitAsync()
    {
        Invalid = null;
        JsonNode? stored = amount is { } a && a >= 0 ? JsonValue.Create(new DurationValue(a, unit).ToStored()) : null;
        shown = stored;
        return ValueChanged.InvokeAsync(stored);
    }
}
