using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Portal.Bench.Wfc;

/// <summary>
/// WorkflowCore's persistence provider (its in-memory one, as configured) with one addition, the same as ours has:
/// when a write that stores an instance as Complete has returned, the instance is stamped complete; when an instance's
/// event subscription has been stored, it is marked suspended. Everything else passes straight through.
/// </summary>
public sealed class CompletionRecordingPersistence(IPersistenceProvider inner, CompletionProbe completed, CompletionProbe subscribed) : IPersistenceProvider
{
    public bool SupportsScheduledCommands => inner.SupportsScheduledCommands;

    public async Task PersistWorkflow(WorkflowInstance workflow, CancellationToken cancellationToken = default)
    {
        await inner.PersistWorkflow(workflow, cancellationToken);
        Stamp(workflow);
    }

    public async Task PersistWorkflow(WorkflowInstance workflow, List<EventSubscription> subscriptions, CancellationToken cancellationToken = default)
    {
        await inner.PersistWorkflow(workflow, subscriptions, cancellationToken);
        Stamp(workflow);
        if (subscriptions is { Count: > 0 })
        {
            subscribed.Complete(workflow.Id);
        }
    }

    public async Task<string> CreateEventSubscription(EventSubscription subscription, CancellationToken cancellationToken = default)
    {
        var id = await inner.CreateEventSubscription(subscription, cancellationToken);
        subscribed.Complete(subscription.WorkflowId);
        return id;
    }

    public Task<string> CreateNewWorkflow(WorkflowInstance workflow, CancellationToken cancellationToken = default) => inner.CreateNewWorkflow(workflow, cancellationToken);

    public Task<IEnumerable<string>> GetRunnableInstances(DateTime asAt, CancellationToken cancellationToken = default) => inner.GetRunnableInstances(asAt, cancellationToken);

#pragma warning disable CS0612, CS0618 // Part of the interface; passed through.
    public Task<IEnumerable<WorkflowInstance>> GetWorkflowInstances(WorkflowStatus? status, string type, DateTime? createdFrom, DateTime? createdTo, int skip, int take) =>
        inner.GetWorkflowInstances(status, type, createdFrom, createdTo, skip, take);
#pragma warning restore CS0612, CS0618

    public Task<WorkflowInstance> GetWorkflowInstance(string Id, CancellationToken cancellationToken = default) => inner.GetWorkflowInstance(Id, cancellationToken);

    public Task<IEnumerable<WorkflowInstance>> GetWorkflowInstances(IEnumerable<string> ids, CancellationToken cancellationToken = default) => inner.GetWorkflowInstances(ids, cancellationToken);

    public Task<IEnumerable<EventSubscription>> GetSubscriptions(string eventName, string eventKey, DateTime asOf, CancellationToken cancellationToken = default) =>
        inner.GetSubscriptions(eventName, eventKey, asOf, cancellationToken);

    public Task TerminateSubscription(string eventSubscriptionId, CancellationToken cancellationToken = default) => inner.TerminateSubscription(eventSubscriptionId, cancellationToken);

    public Task<EventSubscription> GetSubscription(string eventSubscriptionId, CancellationToken cancellationToken = default) => inner.GetSubscription(eventSubscriptionId, cancellationToken);

    public Task<EventSubscription> GetFirstOpenSubscription(string eventName, string eventKey, DateTime asOf, CancellationToken cancellationToken = default) =>
        inner.GetFirstOpenSubscription(eventName, eventKey, asOf, cancellationToken);

    public Task<bool> SetSubscriptionToken(string eventSubscriptionId, string token, string workerId, DateTime expiry, CancellationToken cancellationToken = default) =>
        inner.SetSubscriptionToken(eventSubscriptionId, token, workerId, expiry, cancellationToken);

    public Task ClearSubscriptionToken(string eventSubscriptionId, string token, CancellationToken cancellationToken = default) =>
        inner.ClearSubscriptionToken(eventSubscriptionId, token, cancellationToken);

    public Task<string> CreateEvent(Event newEvent, CancellationToken cancellationToken = default) => inner.CreateEvent(newEvent, cancellationToken);

    public Task<Event> GetEvent(string id, CancellationToken cancellationToken = default) => inner.GetEvent(id, cancellationToken);

    public Task<IEnumerable<string>> GetRunnableEvents(DateTime asAt, CancellationToken cancellationToken = default) => inner.GetRunnableEvents(asAt, cancellationToken);

    public Task<IEnumerable<string>> GetEvents(string eventName, string eventKey, DateTime asOf, CancellationToken cancellationToken = default) =>
        inner.GetEvents(eventName, eventKey, asOf, cancellationToken);

    public Task MarkEventProcessed(string id, CancellationToken cancellationToken = default) => inner.MarkEventProcessed(id, cancellationToken);

    public Task MarkEventUnprocessed(string id, CancellationToken cancellationToken = default) => inner.MarkEventUnprocessed(id, cancellationToken);

    public Task PersistErrors(IEnumerable<ExecutionError> errors, CancellationToken cancellationToken = default) => inner.PersistErrors(errors, cancellationToken);

    public Task ScheduleCommand(ScheduledCommand command) => inner.ScheduleCommand(command);

    public Task ProcessCommands(DateTimeOffset asOf, Func<ScheduledCommand, Task> action, CancellationToken cancellationToken = default) =>
        inner.ProcessCommands(asOf, action, cancellationToken);

    public void EnsureStoreExists() => inner.EnsureStoreExists();

    private void Stamp(WorkflowInstance workflow)
    {
        if (workflow.Status == WorkflowStatus.Complete)
        {
            completed.Complete(workflow.Id);
        }
    }
}
