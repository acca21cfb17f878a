using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Portal.Domain.Security;
using Portal.Domain.Validation;
using Portal.Web.Hosting;
using Portal.Web.Hosting.Http;
using static Portal.Web.Hosting.ProblemResults;
using Portal.Workflows.Definitions;
using Portal.Workflows.Hosting;
using Portal.Workflows.Interchange.Bpmn;
using Portal.Workflows.Interchange.Elsa;
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
        var api = endpoints.MapGroup("/api").RequireAuthorization(policy => policy.RequireRole(PortalRoles.Admin)).WithTags("Workflows");
        api.MapGet("/workflows", async (WorkflowDefinitions definitions, CancellationToken ct) => TypedResults.Ok(await definitions.OverviewAsync(ct)))
            .WithSummary("Lists the workflow definitions with their published version and draft");
        api.MapPost("/workflows", CreateAsync)
            .TakesJsonBody()
            .WithSummary("Creates a workflow definition as a draft")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/workflows/{id}", OpenAsync)
            .WithSummary("Opens a workflow definition's draft (or its published version), with its ETag")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/workflows/{id}/versions", ListVersionsAsync)
            .WithSummary("Lists a workflow's published versions")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/workflows/{id}/versions/{version:int}", GetVersionAsync)
            .WithSummary("Reads one published version of a workflow")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/workflows/{id}/versions/{version:int}/bpmn", GetBpmnAsync)
            .WithSummary("Exports one published version of a workflow as BPMN 2.0 XML")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/workflows/{id}/versions/{version:int}/revert", RevertAsync)
            .WithSummary("Makes a published version the workflow's draft again")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/workflows/{id}/draft", SaveDraftAsync)
            .TakesJsonBody()
            .WithSummary("Saves a workflow's draft (If-Match: the revision the edit began from)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/workflows/{id}/draft", DeleteDraftAsync)
            .WithSummary("Discards a workflow's draft")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/workflows/{id}/publish", PublishAsync)
            .TakesJsonBody(optional: true)
            .WithSummary("Publishes a workflow's draft as its next version")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/workflows/{id}/duplicate", DuplicateAsync)
            .WithSummary("Copies a workflow into a new draft workflow")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/workflows/import/elsa", ImportElsaAsync)
            .TakesJsonBody()
            .WithSummary("Imports an Elsa 3 workflow definition as a draft")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/workflows/{id}/instances", StartAsync)
            .TakesJsonBody(optional: true)
            .WithSummary("Starts an instance of a workflow's published version");
        api.MapGet("/workflow-instances", ListInstancesAsync)
            .WithSummary("Lists workflow instances");
        api.MapGet("/workflow-instances/{id}", GetInstanceAsync)
            .WithSummary("Reads one workflow instance with its history")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/workflow-instances/{id}/retry", (string id, WorkflowEngine engine, CancellationToken ct) => AdministerAsync(engine.RetryAsync(id, ct)))
            .WithSummary("Retries the failed step of a workflow instance");
        api.MapPost("/workflow-instances/{id}/cancel", (string id, WorkflowEngine engine, CancellationToken ct) => AdministerAsync(engine.CancelAsync(id, ct)))
            .WithSummary("Cancels a workflow instance");
        api.MapPost("/workflow-instances/{id}/skip", (string id, string outcome, WorkflowEngine engine, CancellationToken ct) => AdministerAsync(engine.SkipAsync(id, outcome, ct)))
            .WithSummary("Skips the failed step of a workflow instance, continuing by the given outcome");
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

    /// <summary>Any version (0: the draft) as BPMN 2.0 XML with its diagram, as a file to open in a BPMN modeler.</summary>
    private static async Task<IResult> GetBpmnAsync(string id, int version, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var stored = await definitions.FindAsync(id, version, cancellationToken);
        return stored is null
            ? NotFound($"Workflow '{id}' has no version {version}.")
            : TypedResults.File(Encoding.UTF8.GetBytes(BpmnExport.Write(stored.Definition, version)), "application/xml", $"{id}-v{version}.bpmn");
    }

    private static async Task<IResult> OpenAsync(string id, HttpResponse response, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var opened = await definitions.OpenAsync(id, cancellationToken);
        if (opened is null)
        {
            return NotFound($"There is no workflow '{id}'.");
        }

        response.Headers.ETag = Tag(opened.Revision);
        return TypedResults.Ok(EditableDefinitionView.From(opened));
    }

    private static async Task<IResult> ListVersionsAsync(string id, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var versions = await definitions.ListVersionsAsync(id, cancellationToken);
        return versions.Count == 0 ? NotFound($"There is no workflow '{id}'.") : TypedResults.Ok(versions);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ClaimsPrincipal user, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var parsed = await WorkflowDefinitionJson.ParseAsync(request.Body, cancellationToken);
        if (!parsed.IsValid)
        {
            return Invalid(parsed.Errors);
        }

        var created = await definitions.CreateAsync(parsed.Value, user.Identity?.Name, cancellationToken);
        return Answer(parsed.Value.Id, created, request.HttpContext.Response, created: true);
    }

    /// <summary>
    /// Saves the draft. With If-Match (the revision the edit began from) only if nobody changed the definition
    /// since; without, only when there is no draft yet. Either way a refused save writes nothing and answers 409
    /// naming who changed it and when.
    /// </summary>
    private static async Task<IResult> SaveDraftAsync(
        string id, HttpRequest request, ClaimsPrincipal user, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        if (!TryReadIfMatch(request, out var basedOn))
        {
            return BadIfMatch();
        }

        var parsed = await WorkflowDefinitionJson.ParseAsync(request.Body, cancellationToken);
        if (!parsed.IsValid)
        {
            return Invalid(parsed.Errors);
        }

        if (parsed.Value.Id != id)
        {
            return Invalid([new ValidationError("id", $"The body describes '{parsed.Value.Id}' but the address says '{id}'.")]);
        }

        var saved = await definitions.SaveDraftAsync(parsed.Value, user.Identity?.Name, basedOn, cancellationToken);
        return Answer(id, saved, request.HttpContext.Response);
    }

    private static async Task<IResult> DeleteDraftAsync(string id, HttpRequest request, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        if (!TryReadIfMatch(request, out var basedOn) || basedOn is null)
        {
            return BadIfMatch();
        }

        var deleted = await definitions.DeleteDraftAsync(id, basedOn.Value, cancellationToken);
        return deleted.IsSaved ? TypedResults.NoContent() : Answer(id, deleted, request.HttpContext.Response);
    }

    private static async Task<IResult> RevertAsync(
        string id, int version, HttpRequest request, ClaimsPrincipal user, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        if (!TryReadIfMatch(request, out var basedOn))
        {
            return BadIfMatch();
        }

        var reverted = await definitions.RevertDraftAsync(id, version, user.Identity?.Name, basedOn, cancellationToken);
        return Answer(id, reverted, request.HttpContext.Response);
    }

    private static async Task<IResult> DuplicateAsync(
        string id, DuplicateRequest body, HttpRequest request, ClaimsPrincipal user, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var copied = await definitions.DuplicateAsync(id, body.Id, body.Name, user.Identity?.Name, cancellationToken);
        return Answer(body.Id, copied, request.HttpContext.Response, created: true);
    }

    /// <summary>
    /// Imports an Elsa 3 workflow definition (the JSON Elsa Studio exports) as a new draft, under Elsa's definitionId
    /// or <paramref name="id"/>; answers the draft with every activity it could not map.
    /// </summary>
    private static async Task<IResult> ImportElsaAsync(
        HttpRequest request, ClaimsPrincipal user, WorkflowDefinitions definitions, CancellationToken cancellationToken, string? id = null)
    {
        if (request.ContentLength > WorkflowDefinitionJson.MaxBytes)
        {
            return Invalid([new ValidationError("root", $"An import may be at most {WorkflowDefinitionJson.MaxBytes / 1024 / 1024} MiB.")]);
        }

        JsonNode? document;
        try
        {
            document = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            return Invalid([new ValidationError("root", $"The document is not valid JSON (line {(e.LineNumber ?? 0) + 1}).")]);
        }

        var imported = ElsaImport.Read(document, string.IsNullOrWhiteSpace(id) ? null : id);
        if (!imported.IsValid)
        {
            return Invalid(imported.Errors);
        }

        var definition = imported.Value.Definition;
        var created = await definitions.CreateAsync(definition, user.Identity?.Name, cancellationToken);
        if (!created.IsSaved)
        {
            return Answer(definition.Id, created, request.HttpContext.Response);
        }

        request.HttpContext.Response.Headers.ETag = Tag(created.Revision);
        return TypedResults.Created(
            $"/api/workflows/{Uri.EscapeDataString(definition.Id)}",
            new ElsaImportView(definition.Id, created.Revision, created.SavedAt, imported.Value.Unmapped, imported.Value.Notes, JsonNode.Parse(WorkflowDefinitionJson.Write(definition))!));
    }

    /// <summary>Publishes the draft (only when it validates), with an optional JSON body <c>{ "comment": "…" }</c> and If-Match.</summary>
    private static async Task<IResult> PublishAsync(
        string id, HttpRequest request, ClaimsPrincipal user, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        if (!TryReadIfMatch(request, out var basedOn))
        {
            return BadIfMatch();
        }

        PublishRequest? body = null;
        if (request.HasJsonContentType() && request.ContentLength is not 0)
        {
            try
            {
                body = await request.ReadFromJsonAsync<PublishRequest>(cancellationToken);
            }
            catch (JsonException e)
            {
                return Invalid([new ValidationError("comment", $"The body is not valid JSON (line {(e.LineNumber ?? 0) + 1}).")]);
            }
        }

        var published = await definitions.PublishAsync(id, user.Identity?.Name, body?.Comment, basedOn, cancellationToken);
        if (published.IsValid)
        {
            return TypedResults.Ok(new StoredDefinitionRef(id, published.Value.Version, true));
        }

        return published.Errors.Any(e => e.Field == WorkflowDefinitions.ConflictField)
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile",
                detail: string.Join(" ", published.Errors.Select(e => e.Message)))
            : Invalid(published.Errors);
    }

    private static IResult Answer(string id, DraftSaveResult result, HttpResponse response, bool created = false)
    {
        if (result.Conflict is { } conflict)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Changed meanwhile",
                detail: conflict.Message,
                extensions: new Dictionary<string, object?>
                {
                    ["changedBy"] = conflict.ChangedBy,
                    ["changedAt"] = conflict.DraftDeleted ? null : conflict.ChangedAt,
                    ["currentRevision"] = conflict.CurrentRevision,
                    ["publishedVersion"] = conflict.PublishedVersion,
                    ["draftDeleted"] = conflict.DraftDeleted,
                });
        }

        if (!result.IsSaved)
        {
            return Invalid(result.Errors);
        }

        response.Headers.ETag = Tag(result.Revision);
        var saved = new DraftRef(id, result.Revision, result.SavedAt);
        return created ? TypedResults.Created($"/api/workflows/{Uri.EscapeDataString(id)}", saved) : TypedResults.Ok(saved);
    }

    private static string Tag(long revision) => $"\"{revision.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Reads the revision an edit began from out of If-Match (an ETag this API gave); absent is null.</summary>
    private static bool TryReadIfMatch(HttpRequest request, out long? basedOn)
    {
        basedOn = null;
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return true;
        }

        if (EntityTagHeaderValue.TryParse(header, out var tag)
            && long.TryParse(tag.Tag.ToString().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
        {
            basedOn = revision;
            return true;
        }

        return false;
    }

    private static ValidationProblem BadIfMatch() =>
        Invalid([new ValidationError("If-Match", "Send the revision the edit began from as If-Match: the ETag of GET /api/workflows/{id} or of the last save.")]);

    private static async Task<Results<Accepted<InstanceView>, ValidationProblem>> StartAsync(
        string id, HttpRequest request, WorkflowEngine engine, WorkflowWakeup wakeup, CancellationToken cancellationToken, string? correlationId = null, int? version = null)
    {
        JsonObject? inputs;
        try
        {
            // No inputs is no body: TakesJsonBody lets a request without Content-Type through only when it carries nothing.
            var body = !request.HasJsonContentType() || request.ContentLength is 0
                ? null
                : await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (body is not (null or JsonObject))
            {
                // An array or a bare value is no set of named inputs; read as "none" it would start with defaults only.
                return Invalid([new ValidationError("inputs", "Send the inputs as one JSON object, {\"name\": value, …}.")]);
            }

            inputs = body as JsonObject;
        }
        catch (JsonException e)
        {
            return Invalid([new ValidationError("inputs", $"The inputs are not valid JSON (line {(e.LineNumber ?? 0) + 1}).")]);
        }

        // The engine checks every input against its declared type (and refuses undeclared ones) before an instance
        // exists: a refusal is a 400 keyed "inputs.NAME", and nothing is stored.

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
