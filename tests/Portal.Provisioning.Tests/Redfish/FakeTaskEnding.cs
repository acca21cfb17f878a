namespace Portal.Provisioning.Tests.Redfish;

/// <summary>
/// What the fake's task monitor answers once a task has completed. The Redfish specification has the monitor answer
/// with the operation's own response then (its status, such as 200 or 204, and its body); many BMCs point their
/// monitor at the Task resource instead, which answers 200 with TaskState.
/// </summary>
internal enum FakeTaskEnding
{
    /// <summary>200 with the Task resource, TaskState Completed (or the failed state).</summary>
    TaskResource,

    /// <summary>The operation's own answer without a body: 204 No Content.</summary>
    NoContent,

    /// <summary>The operation's own answer with the resource it changed: 200 with that resource, no TaskState.</summary>
    OperationResource,
}
