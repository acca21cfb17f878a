using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Expressions;
using Portal.Workflows.Runtime;

namespace Portal.Workflows.Tests.Runtime;

/// <summary>The real runner with the built-in activities, a fake clock and any extra test activities.</summary>
internal sealed class EngineHarness
{
    public EngineHarness(params IActivity[] extra)
    {
        Runner = new WorkflowRunner(
            new ActivityRegistry(ActivityRegistry.Discover(typeof(ActivityRegistry).Assembly).Concat(extra)),
            new JintExpressionEvaluator(), Clock, NullLogger<WorkflowRunner>.Instance);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    public WorkflowRunner Runner { get; }

    public async Task<WorkflowState> StartAsync(WorkflowDefinition definition, JsonObject? inputs = null, string? correlationId = null)
    {
        var started = await Runner.StartAsync(definition, 1, inputs, correlationId, CancellationToken.None);
        Assert.True(started.IsValid, string.Join("; ", started.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return started.Value;
    }

    public Task<ResumeResult> ResumeAsync(WorkflowDefinition definition, WorkflowState state, string bookmarkName, JsonNode? payload = null)
    {
        var bookmark = state.Bookmarks.FirstOrDefault(b => b.Name == bookmarkName)
                       ?? throw new Xunit.Sdk.XunitException($"No bookmark named {bookmarkName}; bookmarks: {string.Join(", ", state.Bookmarks.Select(b => b.Name))}");
        return Runner.ResumeAsync(definition, state, bookmark.Id, payload, CancellationToken.None);
    }

    /// <summary>Fires every timer and retry due now, as the scheduler will.</summary>
    public async Task FireDueAsync(WorkflowDefinition definition, WorkflowState state)
    {
        foreach (var due in WorkflowRunner.DueBookmarks(state, Clock.GetUtcNow()).ToList())
        {
            await Runner.ResumeAsync(definition, state, due.Id, new JsonObject { ["timedOut"] = true }, CancellationToken.None);
        }
    }

    public static int Completions(WorkflowState state, string activityId) =>
        state.Journal.Count(e => e.ActivityId == activityId && e.Event is JournalEvent.Completed or JournalEvent.Resumed);
}
