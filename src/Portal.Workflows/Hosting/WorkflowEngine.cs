using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Portal.Domain.Validation;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Workflows.Hosting;

/// <summary>
/// The durable side of the engine. Starting, resuming and timers are work items in the database; a node
/// claims due items, takes the instance's lease, runs the step with <see cref="WorkflowRunner"/> and commits
/// the new state with the work it consumed and caused, all or nothing. A node that dies mid-step loses
/// nothing: its claim and lease expire and another node runs the step from the last committed state.
/// </summary>
public sealed partial class WorkflowEngine(
    IWorkflowDefinitionStore definitions, IWorkflowInstanceStore instances, WorkflowRunner runner, TimeProvider clock,
    WorkflowEngineOptions options, ILogger<WorkflowEngine> logger)
{
    private static readonly JsonObject TimedOut = new() { ["timedOut"] = true };

    public string Node => options.NodeId;

    /// <summary>Creates an instance of the latest published version (or a pinned one) and queues its start.</summary>
    public async Task<ValidationResult<WorkflowState>> StartAsync(
        string definitionId, JsonObject? inputs, string? correlationId, CancellationToken cancellationToken, int? version = null)
    {
        if (version is StoredDefinition.DraftVersion)
        {
            return ValidationResult<WorkflowState>.Failure("version", "A draft cannot run; publish it first.");
        }

        var stored = await definitions.FindAsync(definitionId, version, cancellationToken);
        if (stored is not { IsPublished: true })
        {
            return ValidationResult<WorkflowState>.Failure("definitionId", $"There is no published workflow '{definitionId}'{(version is null ? "" : $" version {version}")}.");
        }

        var created = runner.Create(stored.Definition, stored.Version, inputs, correlationId);
        if (created.IsValid)
        {
            await instances.CreateAsync(created.Value, [WorkItem.New(created.Value.InstanceId, WorkKind.Start, clock.GetUtcNow())], cancellationToken);
        }

        return created;
    }

    /// <summary>Queues the resume of one bookmark. Delivered twice, the second finds it consumed and does nothing.</summary>
    public Task ResumeAsync(string instanceId, string bookmarkId, JsonNode? payload, CancellationToken cancellationToken) =>
        instances.EnqueueAsync(WorkItem.New(instanceId, WorkKind.Resume, clock.GetUtcNow(), bookmarkId, payload?.ToJsonString()), cancellationToken);

    /// <summary>Queues the resume of whatever waits under <paramref name="name"/> for the correlation id; false when nothing does.</summary>
    public async Task<bool> SignalAsync(string name, string correlationId, JsonNode? payload, CancellationToken cancellationToken)
    {
        if (await instances.FindBookmarkAsync(name, correlationId, cancellationToken) is not { } found)
        {
            return false;
        }

        await ResumeAsync(found.InstanceId, found.BookmarkId, payload, cancellationToken);
        return true;
    }

    /// <summary>Claims and runs up to <paramref name="max"/> due work items; returns how many it claimed.</summary>
    public async Task<int> ProcessDueAsync(int max, CancellationToken cancellationToken)
    {
        var claimed = await instances.ClaimDueAsync(Node, clock.GetUtcNow(), options.ClaimDuration, max, cancellationToken);
        foreach (var work in claimed)
        {
            await ProcessAsync(work, cancellationToken);
        }

        return claimed.Count;
    }

    private async Task ProcessAsync(WorkItem work, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lease = await instances.AcquireLeaseAsync(work.InstanceId, Node, now, options.LeaseDuration, cancellationToken);
        if (lease is null)
        {
            // Another node is in the middle of a step of this instance: offer the item again shortly.
            await instances.ReleaseClaimAsync(work, now + options.BusyRetry, cancellationToken);
            return;
        }

        var state = lease.State;
        var definition = (await definitions.FindAsync(state.DefinitionId, state.DefinitionVersion, cancellationToken))?.Definition;
        if (definition is null)
        {
            LogMissingDefinition(state.InstanceId, state.DefinitionId, state.DefinitionVersion);
            return;
        }

        var timersBefore = state.Bookmarks.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        switch (work.Kind)
        {
            case WorkKind.Start:
                await runner.ContinueAsync(definition, state, cancellationToken);
                break;
            case WorkKind.Resume:
                var payload = work.PayloadJson is null ? null : JsonNode.Parse(work.PayloadJson);
                var resumed = await runner.ResumeAsync(definition, state, work.BookmarkId!, payload, cancellationToken);
                if (resumed.Outcome != ResumeOutcome.Resumed)
                {
                    LogResumeIgnored(state.InstanceId, work.BookmarkId!, resumed.Message ?? resumed.Outcome.ToString());
                }

                break;
            case WorkKind.Timer:
                await runner.ResumeAsync(definition, state, work.BookmarkId!, TimedOut.DeepClone(), cancellationToken);
                break;
        }

        var timers = state.Bookmarks
            .Where(b => b.DueAt is not null && !timersBefore.Contains(b.Id))
            .Select(b => WorkItem.New(state.InstanceId, WorkKind.Timer, b.DueAt!.Value, b.Id))
            .ToList();
        if (!await instances.CommitAsync(lease, state, work, timers, cancellationToken))
        {
            LogLostLease(state.InstanceId, lease.Fence);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: lease (fence {Fence}) was taken over; the step was not committed and will run on the new holder")]
    private partial void LogLostLease(string instanceId, long fence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: resume of {BookmarkId} ignored: {Reason}")]
    private partial void LogResumeIgnored(string instanceId, string bookmarkId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Instance {InstanceId} runs {DefinitionId} version {Version}, which is not in the store")]
    private partial void LogMissingDefinition(string instanceId, string definitionId, int version);
}
