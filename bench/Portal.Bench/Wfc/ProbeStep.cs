using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Portal.Bench.Wfc;

/// <summary>The last step of every WorkflowCore flow: stamps its instance as complete.</summary>
public sealed class ProbeStep(CompletionProbe probe) : StepBody
{
    public override ExecutionResult Run(IStepExecutionContext context)
    {
        probe.Complete(context.Workflow.Id);
        return ExecutionResult.Next();
    }
}
