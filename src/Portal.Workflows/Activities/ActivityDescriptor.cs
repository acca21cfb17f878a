using Portal.Workflows.Definitions;

namespace Portal.Workflows.Activities;

/// <summary>
/// What the designer's palette and the definition validator know about an activity type: its name,
/// category, inputs and outcomes. Some activities add outcomes from an input (a user task's decisions,
/// a switch's cases): <see cref="OutcomesInput"/> names that input, whose literal value is a string array.
/// </summary>
public sealed record ActivityDescriptor
{
    public required string Type { get; init; }

    public required string Category { get; init; }

    public required string DisplayName { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<ActivityInputDescriptor> Inputs { get; init; } = [];

    public IReadOnlyList<string> Outcomes { get; init; } = [Done];

    public string? OutcomesInput { get; init; }

    /// <summary>Has effects outside the engine (drivers): the runtime gives it an idempotency key.</summary>
    public bool HasSideEffects { get; init; }

    public const string Done = "Done";

    public IReadOnlyList<string> OutcomesFor(ActivityNode node)
    {
        if (OutcomesInput is null || !node.Inputs.TryGetValue(OutcomesInput, out var input) || input.Value is not System.Text.Json.Nodes.JsonArray values)
        {
            return Outcomes;
        }

        return Outcomes.Concat(values.Select(v => v?.ToString()).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!))
            .Distinct(StringComparer.Ordinal).ToList();
    }
}
