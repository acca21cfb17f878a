using Portal.Domain.Validation;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions.Format;
using Portal.Workflows.Expressions;

namespace Portal.Workflows.Definitions;

/// <summary>
/// What publishing checks: the format's rules (<see cref="WorkflowDefinitionFormat.Check"/>), one Start, known activity types, connections whose outcomes exist on their
/// source, no activity that can never run, required inputs set, expressions that parse. Every error names
/// the activity (by id in the field, by name in the message) and the field.
/// </summary>
public sealed class DefinitionValidator(ActivityRegistry activities, IExpressionEvaluator expressions)
{
    public IReadOnlyList<ValidationError> Validate(WorkflowDefinition definition)
    {
        // The format's own rules first (ids, required members, retry bounds…), stated once on the records.
        var errors = new List<ValidationError>(WorkflowDefinitionFormat.Check(definition));
        if (errors.Count > 0 && (definition.SchemaVersion > WorkflowDefinition.CurrentSchemaVersion || !Whole(definition)))
        {
            // A newer format, or a definition missing whole parts: the flowchart's checks would only add noise.
            return errors;
        }

        Duplicates(definition.Inputs.Select(i => i.Name), "inputs", "input", errors);
        foreach (var (input, index) in definition.Inputs.Select((input, index) => (input, index)))
        {
            ValidateInput(input, $"inputs[{index}]", errors);
        }

        Duplicates(definition.Variables.Select(v => v.Name), "variables", "variable", errors);

        var starts = definition.Activities.Where(a => a.Type == "Start").ToList();
        if (starts.Count != 1)
        {
            errors.Add(new("activities", starts.Count == 0 ? "The workflow needs a Start activity." : $"The workflow has {starts.Count} Start activities; keep exactly one."));
        }

        foreach (var node in definition.Activities)
        {
            ValidateActivity(definition, node, errors);
        }

        foreach (var (connection, index) in definition.Connections.Select((c, i) => (c, i)))
        {
            ValidateConnection(definition, connection, index, errors);
        }

        if (starts.Count == 1)
        {
            var compensations = definition.Activities.Select(a => a.CompensateWith).Where(c => c is not null).ToHashSet(StringComparer.Ordinal);
            var reach = Runtime.Reachability.Of(definition);
            var start = starts[0].Id;
            foreach (var node in definition.Activities.Where(a => a.Id != start && !reach.CanReach(start, a.Id) && !compensations.Contains(a.Id)))
            {
                errors.Add(new($"activities[{node.Id}]", $"'{node.DisplayName}' can never run: no path from Start leads to it."));
            }
        }

        return errors;
    }

    private void ValidateActivity(WorkflowDefinition definition, ActivityNode node, List<ValidationError> errors)
    {
        var field = $"activities[{node.Id}]";
        var activity = activities.Find(node.Type);
        if (activity is null)
        {
            errors.Add(new($"{field}.type", $"'{node.DisplayName}' has the type '{node.Type}', which this portal does not know."));
            return;
        }

        foreach (var input in activity.Descriptor.Inputs.Where(i => i.Required && i.Default is null))
        {
            if (!node.Inputs.TryGetValue(input.Name, out var value) || (value.Expression is null && value.Value is null))
            {
                errors.Add(new($"{field}.inputs.{input.Name}", $"'{node.DisplayName}' needs its input '{input.Name}'."));
            }
        }

        foreach (var (name, value) in node.Inputs)
        {
            if (activity.Descriptor.Inputs.All(i => i.Name != name))
            {
                errors.Add(new($"{field}.inputs.{name}", $"'{node.DisplayName}' ({node.Type}) has no input '{name}'."));
            }
            else if (value.Expression is { } expression && expressions.CheckSyntax(expression) is { } problem)
            {
                errors.Add(new($"{field}.inputs.{name}", $"'{node.DisplayName}', input '{name}': the expression {problem}"));
            }
            else if (value.Expression is null && value.Value is { } literal
                     && activity.Descriptor.Inputs.First(i => i.Name == name).Type == "duration"
                     && !DurationRule.TryRead(literal, out _, out var reason))
            {
                // Read by the same rule as the activity will read it, so a duration that would fault at run time cannot be published.
                errors.Add(new($"{field}.inputs.{name}", $"'{node.DisplayName}', input '{name}': {reason}."));
            }
        }

        if (node.CompensateWith is { } compensation && definition.Find(compensation) is null)
        {
            errors.Add(new($"{field}.compensateWith", $"'{node.DisplayName}' is compensated by '{compensation}', which is not an activity of this workflow."));
        }
    }

    private void ValidateConnection(WorkflowDefinition definition, Connection connection, int index, List<ValidationError> errors)
    {
        var field = $"connections[{index}]";
        var source = definition.Find(connection.From);
        if (source is null)
        {
            errors.Add(new($"{field}.from", $"The connection starts at '{connection.From}', which is not an activity of this workflow."));
        }
        else if (activities.Find(source.Type) is { } activity && !activity.Descriptor.OutcomesFor(source).Contains(connection.Outcome, StringComparer.Ordinal))
        {
            var outcomes = activity.Descriptor.OutcomesFor(source);
            errors.Add(new($"{field}.outcome", outcomes.Count == 0
                ? $"'{source.DisplayName}' ({source.Type}) ends its path: it has no outcome to connect."
                : $"'{source.DisplayName}' ({source.Type}) has no outcome '{connection.Outcome}'; it has {string.Join(", ", outcomes)}."));
        }

        if (definition.Find(connection.To) is null)
        {
            errors.Add(new($"{field}.to", $"The connection leads to '{connection.To}', which is not an activity of this workflow."));
        }
    }

    private static void ValidateInput(WorkflowInput input, string field, List<ValidationError> errors)
    {
        if (!WorkflowInputTypes.IsKnown(input.Type))
        {
            errors.Add(new($"{field}.type", $"The input '{input.Name}' has the type '{input.Type}'; use one of {string.Join(", ", WorkflowInputTypes.All)}."));
        }
        else if (input.Default is { } value && WorkflowInputTypes.Check(input.Type, value, input.Secret) is { } problem)
        {
            errors.Add(new($"{field}.default", $"The default of the input '{input.Name}' {problem}."));
        }
    }

    private static bool Whole(WorkflowDefinition definition) =>
        definition.Id is not null
        && definition.Activities is not null && definition.Activities.All(a => a is { Id: not null, Type: not null, Inputs: not null })
        && definition.Connections is not null && definition.Connections.All(c => c is { From: not null, Outcome: not null, To: not null })
        && definition.Inputs is not null && definition.Inputs.All(i => i?.Name is not null)
        && definition.Variables is not null && definition.Variables.All(v => v?.Name is not null);

    private static void Duplicates(IEnumerable<string> names, string field, string what, List<ValidationError> errors)
    {
        foreach (var duplicate in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new(field, $"The {what} '{duplicate.Key}' appears more than once."));
        }
    }
}
