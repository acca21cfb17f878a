using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Workflows.Definitions;
using Portal.Workflows.Hosting;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Web.Tests.Workflows;

/// <summary>
/// The real portal with its workflow worker polling every 50 ms, shared by the tests of one class: definitions
/// are published and instances started through its own services, and the worker runs them as in production.
/// </summary>
public sealed class WorkflowPortal : IAsyncLifetime
{
    public PortalAppFactory Factory { get; } = new(new Dictionary<string, string?> { ["Portal:Workflows:PollIntervalMilliseconds"] = "50" });

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        // Starts the host: migrates and seeds the database and starts the worker.
        _ = Factory.Services;
        return ValueTask.CompletedTask;
    }

    /// <summary>A definition with a required <c>requestId</c>, a secret <c>apiToken</c> and a <c>note</c> variable.</summary>
    public static string Definition(string id, string activities, string connections) => $$"""
        { "schemaVersion": 1, "id": "{{id}}", "name": "Test {{id}}",
          "inputs": [ { "name": "requestId", "type": "string", "required": true },
                      { "name": "apiToken", "type": "string", "secret": true } ],
          "variables": [ { "name": "note", "type": "string", "default": "" } ],
          "activities": [ {{activities}} ],
          "connections": [ {{connections}} ] }
        """;

    /// <summary>Start, note the request, end: completes at once.</summary>
    public static string Completing(string id) => Definition(id,
        """{ "id": "start", "type": "Start" }, { "id": "note", "type": "SetVariable", "name": "Note the request", "inputs": { "variable": { "value": "note" }, "value": { "expression": "'request ' + input.requestId" } } }, { "id": "end", "type": "End" }""",
        """{ "from": "start", "outcome": "Done", "to": "note" }, { "from": "note", "outcome": "Done", "to": "end" }""");

    /// <summary>Start, wait for the signal "go", end: suspended until signalled.</summary>
    public static string Waiting(string id) => Definition(id,
        """{ "id": "start", "type": "Start" }, { "id": "wait", "type": "WaitForSignal", "name": "Wait for go", "inputs": { "signal": { "value": "go" } } }, { "id": "end", "type": "End" }""",
        """{ "from": "start", "outcome": "Done", "to": "wait" }, { "from": "wait", "outcome": "Done", "to": "end" }""");

    /// <summary>Start, an expression that throws, end: faulted at "bad".</summary>
    public static string Failing(string id) => Definition(id,
        """{ "id": "start", "type": "Start" }, { "id": "bad", "type": "SetVariable", "name": "Broken step", "inputs": { "variable": { "value": "note" }, "value": { "expression": "variables.nothing.here" } } }, { "id": "end", "type": "End" }""",
        """{ "from": "start", "outcome": "Done", "to": "bad" }, { "from": "bad", "outcome": "Done", "to": "end" }""");

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task PublishAsync(string json)
    {
        var parsed = await WorkflowDefinitionJson.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), Token);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Select(e => $"{e.Field}: {e.Message}")));
        var published = await WithScopeAsync(async services =>
        {
            var definitions = services.GetRequiredService<WorkflowDefinitions>();
            await definitions.SaveDraftAsync(parsed.Value, "test", Token);
            return await definitions.PublishAsync(parsed.Value.Id, "test", Token);
        });
        Assert.True(published.IsValid, string.Join("; ", published.Errors.Select(e => $"{e.Field}: {e.Message}")));
    }

    /// <summary>Starts an instance and waits until the worker has brought it to <paramref name="status"/>.</summary>
    public async Task<string> StartAsync(string definitionId, WorkflowStatus status, string? apiToken = null, string? correlationId = null)
    {
        var inputs = new JsonObject { ["requestId"] = "r-1" };
        if (apiToken is not null)
        {
            inputs["apiToken"] = apiToken;
        }

        var started = await WithScopeAsync(services => services.GetRequiredService<WorkflowEngine>().StartAsync(definitionId, inputs, correlationId, Token));
        Assert.True(started.IsValid, string.Join("; ", started.Errors.Select(e => $"{e.Field}: {e.Message}")));
        await WaitForStatusAsync(started.Value.InstanceId, status);
        return started.Value.InstanceId;
    }

    public Task<WorkflowState?> FindAsync(string instanceId) =>
        WithScopeAsync(services => services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(instanceId, Token));

    public async Task<WorkflowState> WaitForStatusAsync(string instanceId, WorkflowStatus status)
    {
        WorkflowState? state = null;
        for (var attempt = 0; attempt < 150; attempt++)
        {
            state = await FindAsync(instanceId);
            if (state?.Status == status)
            {
                return state;
            }

            await Task.Delay(100, Token);
        }

        throw new Xunit.Sdk.XunitException($"Instance {instanceId} did not reach {status}; it is {state?.Status}: {state?.FaultMessage}");
    }

    /// <summary>Resumes the instance's only bookmark, as a signal from outside would.</summary>
    public async Task ResumeAsync(string instanceId)
    {
        var state = await FindAsync(instanceId);
        var bookmark = Assert.Single(state!.Bookmarks);
        await WithScopeAsync(async services =>
        {
            await services.GetRequiredService<WorkflowEngine>().ResumeAsync(instanceId, bookmark.Id, null, Token);
            return true;
        });
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
