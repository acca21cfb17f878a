using WorkflowCore.Interface;

namespace Portal.Bench.Wfc;

/// <summary>
/// A step, a wait for the event "go" keyed by the instance's reference (the correlation id it was started with),
/// then a step: resumed with <c>PublishEvent("go", correlation)</c>, as ours is by signal and correlation id.
/// </summary>
public sealed class ResumeWorkflow : IWorkflow
{
    public const string Name = "bench-resume";

    public const string EventName = "go";

    public string Id => Name;

    public int Version => 1;

    public void Build(IWorkflowBuilder<object> builder) =>
        builder.StartWith<NoopStep>()
            .WaitFor(EventName, (data, context) => context.Workflow.Reference)
            .Then<NoopStep>();
}
