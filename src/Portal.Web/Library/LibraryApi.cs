using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Data.Library;
using Portal.Domain.Library;
using Portal.Domain.Security;
using Portal.Domain.Validation;
using Portal.Web.Hosting;
using Portal.Web.Hosting.Http;
using Portal.Web.Library.Platforms;
using static Portal.Web.Hosting.ProblemResults;

namespace Portal.Web.Library;

/// <summary>
/// The image library over HTTP (JSON; errors as RFC 7807 problem details). Every signed-in user reads what
/// the library page shows them; only admins write. Requesters never see drafts, deprecated or retired images.
/// </summary>
public static class LibraryApi
{
    public static IEndpointRouteBuilder MapLibraryApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization().WithTags("Images");
        api.MapGet("/images", ListImagesAsync)
            .WithSummary("Lists the image library, paged, searched and filtered");
        api.MapGet("/images/{id:guid}", GetImageAsync)
            .WithSummary("Reads one image (its versions, disks, requirements and parameters)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/images/{id:guid}/compatibility", GetCompatibilityAsync)
            .WithSummary("Says on which platforms the image can be deployed, and why not on the others")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/images/{id:guid}/ovf", ExportOvfAsync)
            .WithSummary("Exports the image as an OVF descriptor")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/images/{id:guid}/plan", PlanAsync)
            .WithSummary("Plans a deployment of the image (placement and sizing) without starting one")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var admin = api.MapGroup("").RequireAuthorization(policy => policy.RequireRole(PortalRoles.Admin));
        admin.MapPost("/images", CreateImageAsync)
            .TakesJsonBody()
            .WithSummary("Creates a draft image");
        admin.MapPost("/images/import/ovf", ImportOvfAsync)
            .WithSummary("Imports a draft image from an OVF descriptor");
        admin.MapPut("/images/{id:guid}/artifacts/{artifactId:guid}/content", UploadDiskAsync)
            .WithSummary("Uploads the content of one of an image's disks")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/images/{id:guid}/publish", (Guid id, ImageStore store, CancellationToken ct) => MoveAsync(id, ImageLifecycle.Published, store, ct))
            .WithSummary("Publishes a draft image, so requesters can order it")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/images/{id:guid}/deprecate", (Guid id, ImageStore store, CancellationToken ct) => MoveAsync(id, ImageLifecycle.Deprecated, store, ct))
            .WithSummary("Deprecates an image: still deployable, no longer recommended")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/images/{id:guid}/retire", (Guid id, ImageStore store, CancellationToken ct) => MoveAsync(id, ImageLifecycle.Retired, store, ct))
            .WithSummary("Retires an image: no new deployments")
            .ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapPlatformApi();
        return endpoints;
    }

    private static async Task<Ok<ImagePage>> ListImagesAsync(
        ClaimsPrincipal user, ImageStore store, CancellationToken cancellationToken,
        string? search = null, OsFamily? os = null, CpuArchitecture? architecture = null, CaptureSource? capturedFrom = null,
        ImageLifecycle? lifecycle = null, Guid? compatibleWith = null, string? sortBy = null, bool descending = false,
        int page = 0, int pageSize = 25)
    {
        var query = new ImageQuery
        {
            Search = search, OsFamily = os, Architecture = architecture, CapturedFrom = capturedFrom, Lifecycle = lifecycle,
            CompatibleWith = compatibleWith, SortBy = sortBy, Descending = descending, Page = page, PageSize = pageSize,
            IncludeUnpublished = user.IsInRole(PortalRoles.Admin),
        };
        return TypedResults.Ok(await store.QueryAsync(query, cancellationToken));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetImageAsync(
        Guid id, ClaimsPrincipal user, ImageStore store, CancellationToken cancellationToken)
    {
        var image = await VisibleImageAsync(id, user, store, cancellationToken);
        return image is null ? NotFound(id) : Json(LibraryJson.Write(image));
    }

    private static async Task<Results<Ok<List<CompatibilityEntry>>, ProblemHttpResult>> GetCompatibilityAsync(
        Guid id, ClaimsPrincipal user, ImageStore store, CancellationToken cancellationToken)
    {
        var image = await VisibleImageAsync(id, user, store, cancellationToken);
        if (image is null)
        {
            return NotFound(id);
        }

        var platforms = await store.PlatformsAsync(cancellationToken);
        return TypedResults.Ok(platforms.Select(p => CompatibilityEntry.From(CompatibilityRules.Check(image, p))).ToList());
    }

    private static async Task<Results<Ok<PlanDto>, ValidationProblem, ProblemHttpResult>> PlanAsync(
        Guid id, PlanRequest request, ClaimsPrincipal user, ImageStore store, CancellationToken cancellationToken)
    {
        var image = await VisibleImageAsync(id, user, store, cancellationToken);
        if (image is null)
        {
            return NotFound(id);
        }

        var platform = await store.FindPlatformAsync(request.PlatformId, cancellationToken);
        if (platform is null)
        {
            return Invalid([new ValidationError("platformId", "There is no platform with this id.")]);
        }

        var plan = DeploymentPlanner.Plan(image, platform, new DeploymentRequest
        {
            Hardware = request.Hardware ?? [],
            Parameters = request.Parameters ?? [],
            AllowUnpublished = user.IsInRole(PortalRoles.Admin),
        });
        return plan.IsValid ? TypedResults.Ok(PlanDto.From(plan.Value)) : Invalid(plan.Errors);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportOvfAsync(
        Guid id, ClaimsPrincipal user, ImageStore store, CancellationToken cancellationToken)
    {
        var image = await VisibleImageAsync(id, user, store, cancellationToken);
        if (image is null)
        {
            return NotFound(id);
        }

        var ovf = System.Text.Encoding.UTF8.GetBytes(Domain.Library.Ovf.OvfExporter.Export(image));
        return TypedResults.File(ovf, "application/xml", OvfFileName(image));
    }

    /// <summary>The body is the OVF descriptor or the OVA package itself (any content type).</summary>
    private static async Task<Results<Created<ImageSummaryRef>, ValidationProblem>> ImportOvfAsync(
        HttpContext context, ClaimsPrincipal user, OvfUpload upload, CancellationToken cancellationToken, string? fileName = null)
    {
        AllowLargeBody(context, upload);
        var imported = await upload.ImportAsync(context.Request.Body, fileName ?? "the upload", user.Identity?.Name ?? "", cancellationToken);
        return imported.IsValid
            ? TypedResults.Created($"/api/images/{imported.Value.Id}", new ImageSummaryRef(imported.Value.Id, imported.Value.Name, imported.Value.Version, imported.Value.Lifecycle))
            : Invalid(imported.Errors);
    }

    /// <summary>
    /// The bytes of a disk a descriptor-only import is waiting for (the body is the file itself, any content type).
    /// 200 with the image's summary; 404 for an unknown image or disk; 400 when the disk is uploaded already, the
    /// body is empty, too large, or does not match the SHA-256 the descriptor gave.
    /// </summary>
    private static async Task<Results<Ok<ImageSummaryRef>, ValidationProblem, ProblemHttpResult>> UploadDiskAsync(
        Guid id, Guid artifactId, HttpContext context, OvfUpload upload, CancellationToken cancellationToken)
    {
        AllowLargeBody(context, upload);
        var uploaded = await upload.UploadDiskAsync(id, artifactId, context.Request.Body, cancellationToken);
        return uploaded switch
        {
            null => ProblemResults.NotFound($"There is no image {id} with a disk {artifactId}."),
            { IsValid: true, Value: var image } => TypedResults.Ok(new ImageSummaryRef(image.Id, image.Name, image.Version, image.Lifecycle)),
            _ => Invalid(uploaded.Errors),
        };
    }

    private static void AllowLargeBody(HttpContext context, OvfUpload upload)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // An OVA or a disk is an image: the server's default body limit is for forms, not images.
            limit.MaxRequestBodySize = upload.MaxUploadBytes;
        }
    }

    public static string OvfFileName(MasterImage image)
    {
        var name = new string($"{image.Name}-{image.Version}".Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray());
        return $"{name}.ovf";
    }

    private static async Task<Results<Created<ImageSummaryRef>, ValidationProblem>> CreateImageAsync(
        HttpRequest request, ClaimsPrincipal user, ImageStore store, CancellationToken cancellationToken)
    {
        var parsed = await ReadNewImageAsync(request, user, cancellationToken);
        if (!parsed.IsValid)
        {
            return Invalid(parsed.Errors);
        }

        var created = await store.CreateAsync(parsed.Value, cancellationToken);
        return created.IsValid
            ? TypedResults.Created($"/api/images/{created.Value.Id}", new ImageSummaryRef(created.Value.Id, created.Value.Name, created.Value.Version, created.Value.Lifecycle))
            : Invalid(created.Errors);
    }

    private static async Task<Results<Ok<ImageSummaryRef>, ValidationProblem, ProblemHttpResult>> MoveAsync(
        Guid id, ImageLifecycle target, ImageStore store, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is null)
        {
            return NotFound(id);
        }

        var moved = await store.MoveToAsync(id, target, cancellationToken);
        return moved.IsValid
            ? TypedResults.Ok(new ImageSummaryRef(moved.Value.Id, moved.Value.Name, moved.Value.Version, moved.Value.Lifecycle))
            : Invalid(moved.Errors);
    }

    /// <summary>
    /// Reads an image from the request body. A new image always starts as a draft; a missing id or owner is
    /// filled in (a new id, the signed-in admin). Malformed JSON comes back with its line and path.
    /// </summary>
    private static async Task<ValidationResult<MasterImage>> ReadNewImageAsync(HttpRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject;
            if (node is null)
            {
                return ValidationResult<MasterImage>.Failure("", "The body must be a JSON object describing the image.");
            }

            node["id"] ??= Guid.NewGuid();
            node["owner"] ??= user.Identity?.Name;
            node["lifecycle"] = nameof(ImageLifecycle.Draft);
            return ValidationResult<MasterImage>.Success(node.Deserialize<MasterImage>(LibraryJson.Options)!);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}{(string.IsNullOrEmpty(e.Path) ? "" : $", at {e.Path}")})" : "";
            return ValidationResult<MasterImage>.Failure(e.Path ?? "", $"The image JSON is not valid{where}: {FirstSentence(e.Message)}");
        }
    }

    private static string FirstSentence(string message) => message.Split(". ", 2)[0].TrimEnd('.') + ".";

    private static async Task<MasterImage?> VisibleImageAsync(Guid id, ClaimsPrincipal user, ImageStore store, CancellationToken cancellationToken)
    {
        var image = await store.FindAsync(id, cancellationToken);
        return image is not null && (image.IsRequestable || user.IsInRole(PortalRoles.Admin)) ? image : null;
    }

    private static ContentHttpResult Json(string json) => TypedResults.Content(json, "application/json");

    private static ProblemHttpResult NotFound(Guid id) => ProblemResults.NotFound($"There is no image {id} you may see.");

}
