using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Portal.Bench.Wfc;

/// <summary>A step that does nothing and moves on: WorkflowCore's counterpart of a literal SetVariable.</summary>
public sealed class NoopStep : StepBody
{
    public override ExecutionResult Run(IStepExecutionContext context) => ExecutionResult.Next();
}
