namespace Portal.Workflows.Activities.BuiltIn;

/// <summary>Sets a workflow variable to a value (often an expression).</summary>
public sealed class SetVariableActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "SetVariable", Category = "Primitives", DisplayName = "Set variable",
        Inputs =
        [
            new("variable", "string", Required: true, Description: "The variable's name."),
            new("value", "any", Required: true, Description: "The new value.", UiHint: "expression"),
        ],
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var name = context.RequiredString("variable");
        if (!Declared(context.Definition, name))
        {
            return ValueTask.FromResult(ActivityResult.Fail($"The workflow has no variable named '{name}'."));
        }

        // The runner keeps a copy of the output; the variable gets its own.
        var value = context.Input("value");
        context.Variables[name] = value?.DeepClone();
        return ValueTask.FromResult(ActivityResult.Complete(output: value));
    }

    private static bool Declared(Definitions.WorkflowDefinition definition, string name)
    {
        for (var i = 0; i < definition.Variables.Count; i++)
        {
            if (definition.Variables[i].Name == name)
            {
                return true;
            }
        }

        return false;
    }
}
