using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Security;
using Portal.Domain.Validation;
using Portal.Web.Hosting;
using static Portal.Web.Hosting.ProblemResults;
using Portal.Workflows.Definitions;
using Portal.Workflows.Hosting;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Web.Workflows;

/// <summary>
/// Workflow definitions and instances over HTTP, for admins (problem details on every error). Definitions
/// travel in their public JSON shape; instances as their stored state, with secret inputs and variables masked.
/// </summary>
public static class WorkflowApi
{
    public static IEndpointRouteBuilder MapWorkflowApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(policy => policy.RequireRole(PortalRoles.Admin));
        api.MapGet("/workflows", async (WorkflowDefinitions definitions, CancellationToken ct) => TypedResults.Ok(await definitions.ListAsync(ct)));
        api.MapGet("/workflows/{id}/versions/{version:int}", GetVersionAsync);
        api.MapPut("/workflows/{id}/draft", SaveDraftAsync);
        api.MapPost("/workflows/{id}/publish", PublishAsync);
        api.MapPost("/workflows/{id}/instances", StartAsync);
        api.MapGet("/workflow-instances", ListInstancesAsync);
        api.MapGet("/workflow-instances/{id}", GetInstanceAsync);
        api.MapPost("/workflow-instances/{id}/retry", (string id, WorkflowEngine engine, CancellationToken ct) => AdministerAsync(engine.RetryAsync(id, ct)));
        api.MapPost("/workflow-instances/{id}/cancel", (string id, WorkflowEngine engine, CancellationToken ct) => AdministerAsync(engine.CancelAsync(id, ct)));
        api.MapPost("/workflow-instances/{id}/skip", (string id, string outcome, WorkflowEngine engine, CancellationToken ct) => AdministerAsync(engine.SkipAsync(id, outcome, ct)));
        return endpoints;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetVersionAsync(
        string id, int version, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var stored = await definitions.FindAsync(id, version, cancellationToken);
        return stored is null
            ? NotFound($"Workflow '{id}' has no version {version}.")
            : TypedResults.Content(WorkflowDefinitionJson.Write(stored.Definition), "application/json");
    }

    private static async Task<Results<Ok<StoredDefinitionRef>, ValidationProblem>> SaveDraftAsync(
        string id, HttpRequest request, ClaimsPrincipal user, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var parsed = await WorkflowDefinitionJson.ParseAsync(request.Body, cancellationToken);
        if (!parsed.IsValid)
        {
            return Invalid(parsed.Errors);
        }

        if (parsed.Value.Id != id)
        {
            return Invalid([new ValidationError("id", $"The body describes '{parsed.Value.Id}' but the address says '{id}'.")]);
        }

        await definitions.SaveDraftAsync(parsed.Value, user.Identity?.Name, cancellationToken);
        return TypedResults.Ok(new StoredDefinitionRef(id, StoredDefinition.DraftVersion, false));
    }

    private static async Task<Results<Ok<StoredDefinitionRef>, ValidationProblem>> PublishAsync(
        string id, ClaimsPrincipal user, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var published = await definitions.PublishAsync(id, user.Identity?.Name, cancellationToken);
        return published.IsValid ? TypedResults.Ok(new StoredDefinitionRef(id, published.Value.Version, true)) : Invalid(published.Errors);
    }

    private static async Task<Results<Accepted<InstanceView>, ValidationProblem>> StartAsync(
        string id, HttpRequest request, WorkflowEngine engine, WorkflowWakeup wakeup, CancellationToken cancellationToken, string? correlationId = null, int? version = null)
    {
        JsonObject? inputs;
        try
        {
            inputs = request.ContentLength is 0 ? null : await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject;
        }
        catch (JsonException e)
        {
            return Invalid([new ValidationError("inputs", $"The inputs are not valid JSON (line {(e.LineNumber ?? 0) + 1}).")]);
        }

        var started = await engine.StartAsync(id, inputs, correlationId, cancellationToken, version);
        if (!started.IsValid)
        {
            return Invalid(started.Errors);
        }

        wakeup.Nudge();
        return TypedResults.Accepted($"/api/workflow-instances/{started.Value.InstanceId}", InstanceView.From(started.Value, null));
    }

    private static async Task<Ok<IReadOnlyList<InstanceSummary>>> ListInstancesAsync(
        IWorkflowInstanceStore instances, CancellationToken cancellationToken,
        WorkflowStatus? status = null, string? definitionId = null, string? correlationId = null, int max = 100) =>
        TypedResults.Ok(await instances.ListAsync(status, definitionId, correlationId, max, cancellationToken));

    private static async Task<Results<Ok<InstanceView>, ProblemHttpResult>> GetInstanceAsync(
        string id, IWorkflowInstanceStore instances, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var state = await instances.FindAsync(id, cancellationToken);
        if (state is null)
        {
            return NotFound($"There is no workflow instance {id}.");
        }

        var definition = (await definitions.FindAsync(state.DefinitionId, state.DefinitionVersion, cancellationToken))?.Definition;
        return TypedResults.Ok(InstanceView.From(state, definition));
    }

    private static async Task<Results<Ok<InstanceView>, ValidationProblem>> AdministerAsync(Task<ValidationResult<WorkflowState>> operation)
    {
        var result = await operation;
        return result.IsValid ? TypedResults.Ok(InstanceView.From(result.Value, null)) : Invalid(result.Errors);
    }


}
