using System.Text.Json.Nodes;

namespace Portal.Workflows.Activities.BuiltIn;

/// <summary>Goes the way named by a value: each case is an outcome; anything else goes <c>Default</c>.</summary>
public sealed class SwitchActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Switch", Category = "Flow", DisplayName = "Switch", Description = "Goes the way whose case equals the value.",
        Inputs =
        [
            new("value", "string", Required: true, Description: "The value to match, usually an expression.", UiHint: "expression"),
            new("cases", "array", Required: true, Description: "The case names; each becomes an outcome."),
        ],
        Outcomes = ["Default"],
        OutcomesInput = "cases",
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var value = context.InputString("value");
        var cases = context.Input("cases") as JsonArray ?? [];
        var match = cases.Select(c => c?.ToString()).FirstOrDefault(c => string.Equals(c, value, StringComparison.Ordinal));
        return ValueTask.FromResult(ActivityResult.Complete(match ?? "Default", JsonValue.Create(value)));
    }
}
