using System.Text.Json.Nodes;

namespace Portal.Workflows.Activities.BuiltIn;

/// <summary>Goes one of two ways on a condition: <c>True</c> or <c>False</c>.</summary>
public sealed class DecisionActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Decision", Category = "Flow", DisplayName = "Decision", Description = "Goes True or False on a condition.",
        Inputs = [new("condition", "boolean", Required: true, Description: "An expression such as input.placement === 'Physical'.", UiHint: "expression")],
        Outcomes = ["True", "False"],
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var condition = context.Input("condition");
        var truthy = condition switch
        {
            null => false,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            JsonValue v when JsonNumbers.TryRead(v, out var d) => d != 0,
            JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
            _ => true,
        };
        return ValueTask.FromResult(ActivityResult.Complete(truthy ? "True" : "False", JsonValue.Create(truthy)));
    }
}
