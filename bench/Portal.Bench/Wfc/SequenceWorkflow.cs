using WorkflowCore.Interface;

namespace Portal.Bench.Wfc;

/// <summary>10 no-op steps in a row (ours: Start + 9 SetVariable).</summary>
public sealed class SequenceWorkflow : IWorkflow
{
    public const string Name = "bench-sequence";

    public string Id => Name;

    public int Version => 1;

    public void Build(IWorkflowBuilder<object> builder)
    {
        var step = builder.StartWith<NoopStep>();
        for (var i = 0; i < 9; i++)
        {
            step = step.Then<NoopStep>();
        }
    }
}
