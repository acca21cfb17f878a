using WorkflowCore.Interface;

namespace Portal.Bench.Wfc;

/// <summary>A step, a wait for the event "go" keyed by the instance id, then the probe.</summary>
public sealed class ResumeWorkflow : IWorkflow
{
    public const string Name = "bench-resume";

    public const string EventName = "go";

    public string Id => Name;

    public int Version => 1;

    public void Build(IWorkflowBuilder<object> builder) =>
        builder.StartWith<NoopStep>()
            .WaitFor(EventName, (data, context) => context.Workflow.Id)
            .Then<ProbeStep>();
}
