using WorkflowCore.Interface;

namespace Portal.Bench.Wfc;

/// <summary>A step, 4 parallel branches of one step each, the join, then a step (ours: Start → Fork → 4 SetVariable → Join → SetVariable).</summary>
public sealed class ParallelWorkflow : IWorkflow
{
    public const string Name = "bench-parallel";

    public string Id => Name;

    public int Version => 1;

    public void Build(IWorkflowBuilder<object> builder) =>
        builder.StartWith<NoopStep>()
            .Parallel()
            .Do(branch => branch.StartWith<NoopStep>())
            .Do(branch => branch.StartWith<NoopStep>())
            .Do(branch => branch.StartWith<NoopStep>())
            .Do(branch => branch.StartWith<NoopStep>())
            .Join()
            .Then<NoopStep>();
}
