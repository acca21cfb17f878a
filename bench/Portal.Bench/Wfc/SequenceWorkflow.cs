using WorkflowCore.Interface;

namespace Portal.Bench.Wfc;

/// <summary>10 steps in a row: 9 no-ops and the probe.</summary>
public sealed class SequenceWorkflow : IWorkflow
{
    public const string Name = "bench-sequence";

    public string Id => Name;

    public int Version => 1;

    public void Build(IWorkflowBuilder<object> builder)
    {
        var step = builder.StartWith<NoopStep>();
        for (var i = 0; i < 8; i++)
        {
            step = step.Then<NoopStep>();
        }

        step.Then<ProbeStep>();
    }
}
