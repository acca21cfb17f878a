using WorkflowCore.Interface;

namespace Portal.Bench.Wfc;

/// <summary>5 effect steps in a row: the shape of ours's side-effect flow (Start → 5 side-effecting activities).</summary>
public sealed class EffectsWorkflow : IWorkflow
{
    public const string Name = "bench-effects";

    public string Id => Name;

    public int Version => 1;

    public void Build(IWorkflowBuilder<object> builder) =>
        builder.StartWith<EffectStep>()
            .Then<EffectStep>()
            .Then<EffectStep>()
            .Then<EffectStep>()
            .Then<EffectStep>();
}
