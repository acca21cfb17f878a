using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Portal.Workflows.Definitions;
using Portal.Workflows.Expressions;
using Portal.Workflows.Runtime;

namespace Portal.Workflows.Activities;

/// <summary>
/// What one activity execution sees: its node and evaluated inputs, the instance's variables, the clock,
/// a logger and the cancellation token. Inputs are evaluated on first read; an expression that fails is
/// reported naming the activity and the input.
/// </summary>
public sealed class ActivityContext
{
    private readonly IExpressionEvaluator expressions;
    // An activity reads one to three inputs: a short list beats a dictionary.
    private static readonly List<KeyValuePair<string, JsonNode?>> NoneEvaluated = [];
    private List<KeyValuePair<string, JsonNode?>>? evaluated;

    internal ActivityContext(
        WorkflowDefinition definition, ActivityNode node, WorkflowState state, string executionId,
        IExpressionEvaluator expressions, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        Definition = definition;
        Node = node;
        State = state;
        ExecutionId = executionId;
        this.expressions = expressions;
        Clock = clock;
        Logger = logger;
        CancellationToken = cancellationToken;
    }

    public WorkflowDefinition Definition { get; }

    public ActivityNode Node { get; }

    public string ExecutionId { get; }

    public TimeProvider Clock { get; }

    public ILogger Logger { get; }

    public CancellationToken CancellationToken { get; }

    public string InstanceId => State.InstanceId;

    public string? CorrelationId => State.CorrelationId;

    public JsonObject Variables => State.Variables;

    /// <summary>
    /// The key a side-effecting activity passes to its driver: the same for a retried or re-delivered
    /// execution of this step, different for the next pass of a loop.
    /// </summary>
    public string IdempotencyKey => $"{InstanceId}:{Node.Id}:{ExecutionId}";

    internal WorkflowState State { get; }

    /// <summary>The inputs as evaluated so far, for the journal.</summary>
    internal List<KeyValuePair<string, JsonNode?>> EvaluatedInputs => evaluated ?? NoneEvaluated;

    public bool HasInput(string name) => Node.Inputs.ContainsKey(name);

    /// <summary>The input's value (literal, or the expression's result); null when not set.</summary>
    public JsonNode? Input(string name)
    {
        if (evaluated is not null)
        {
            foreach (var (evaluatedName, cached) in evaluated)
            {
                if (evaluatedName == name)
                {
                    return cached;
                }
            }
        }

        if (!Node.Inputs.TryGetValue(name, out var input))
        {
            return null;
        }

        JsonNode? value;
        if (input.Expression is { } expression)
        {
            try
            {
                value = expressions.Evaluate(expression, new ExpressionScope(State.Inputs, State.Variables, State.Outputs));
            }
            catch (ExpressionException e)
            {
                throw new ActivityInputException($"Activity '{Node.DisplayName}' ({Node.Id}), input '{name}': the expression {e.Message}", e);
            }
        }
        else
        {
            value = input.Value?.DeepClone();
        }

        (evaluated ??= []).Add(KeyValuePair.Create(name, value));
        return value;
    }

    public string? InputString(string name) => Input(name) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var node => node.ToJsonString(),
    };

    public string RequiredString(string name) =>
        InputString(name) is { Length: > 0 } value
            ? value
            : throw new ActivityInputException($"Activity '{Node.DisplayName}' ({Node.Id}): the input '{name}' is required.");

    public bool InputBool(string name) => Input(name) switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) && bool.TryParse(s, out var parsed) => parsed,
        null => false,
        var other => throw new ActivityInputException($"Activity '{Node.DisplayName}' ({Node.Id}), input '{name}': expected true or false, got {other.ToJsonString()}."),
    };

    /// <summary>A duration by <see cref="Definitions.DurationRule"/>: seconds, "30s"/"5m"/"2h"/"1d", or hh:mm:ss.</summary>
    public TimeSpan? InputDuration(string name)
    {
        var value = Input(name);
        if (value is null)
        {
            return null;
        }

        return Definitions.DurationRule.TryRead(value, out var duration, out var reason)
            ? duration
            : throw new ActivityInputException($"Activity '{Node.DisplayName}' ({Node.Id}), input '{name}': {reason}.");
    }

    public T? InputAs<T>(string name) => Input(name) is { } node ? node.Deserialize<T>() : default;
}
