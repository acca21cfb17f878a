namespace Portal.Workflows.Interchange.Bpmn;

/// <summary>The BPMN flow node an activity type is exported as.</summary>
public enum BpmnKind
{
    ServiceTask,
    StartEvent,
    EndEvent,
    UserTask,
    ExclusiveGateway,
    ParallelGateway,
    TimerCatchEvent,
}
