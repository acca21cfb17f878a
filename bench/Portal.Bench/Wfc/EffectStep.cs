using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Portal.Bench.Wfc;

/// <summary>The same trivial effect as ours: one added to the ledger.</summary>
public sealed class EffectStep(EffectLedger ledger) : StepBody
{
    public override ExecutionResult Run(IStepExecutionContext context)
    {
        ledger.Add();
        return ExecutionResult.Next();
    }
}
