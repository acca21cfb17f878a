using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Data.Library;
using Portal.Domain.Library;
using Portal.Domain.Validation;
using Portal.Provisioning.Drivers;
using Portal.Web.Hosting;
using Portal.Web.Hosting.Http;
using Portal.Domain.Security;

namespace Portal.Web.Library.Platforms;

/// <summary>
/// Platforms over HTTP: every signed-in user lists them (with whether each is simulated); admins create and edit them
/// with their connection settings (the password write-only) and test their connection.
/// </summary>
public static class PlatformApi
{
    public static IEndpointRouteBuilder MapPlatformApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/platforms").RequireAuthorization().WithTags("Platforms");
        api.MapGet("", ListAsync)
            .WithSummary("Lists the platforms (physical pools and virtual clusters)");

        var admin = api.MapGroup("").RequireAuthorization(policy => policy.RequireRole(PortalRoles.Admin));
        admin.MapGet("/{id:guid}", GetAsync)
            .WithSummary("Reads one platform with its connection settings (never its password)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("", CreateAsync)
            .TakesJsonBody()
            .WithSummary("Creates a platform");
        admin.MapPut("/{id:guid}", UpdateAsync)
            .TakesJsonBody()
            .WithSummary("Changes a platform")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{id:guid}/test-connection", TestConnectionAsync)
            .WithSummary("Tests the connection to a platform's driver")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<ContentHttpResult> ListAsync(ClaimsPrincipal user, ImageStore store, IDriverCatalog drivers, CancellationToken cancellationToken)
    {
        var admin = user.IsInRole(PortalRoles.Admin);
        var platforms = await store.PlatformsAsync(cancellationToken);
        return Json(platforms.Select(p => PlatformView.Of(p, drivers, admin)).ToList());
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(Guid id, ImageStore store, IDriverCatalog drivers, CancellationToken cancellationToken) =>
        await store.FindPlatformAsync(id, cancellationToken) is { } platform ? Json(PlatformView.Of(platform, drivers, admin: true)) : NotFound(id);

    private static async Task<Results<ContentHttpResult, ValidationProblem>> CreateAsync(
        HttpRequest request, ImageStore store, IDriverCatalog drivers, CancellationToken cancellationToken)
    {
        var input = await ReadAsync(request, cancellationToken);
        if (!input.IsValid)
        {
            return ProblemResults.Invalid(input.Errors);
        }

        return await SaveAsync(Guid.NewGuid(), input.Value, store, drivers, created: true, cancellationToken);
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, HttpRequest request, ImageStore store, IDriverCatalog drivers, CancellationToken cancellationToken)
    {
        if (await store.FindPlatformAsync(id, cancellationToken) is null)
        {
            return NotFound(id);
        }

        var input = await ReadAsync(request, cancellationToken);
        if (!input.IsValid)
        {
            return ProblemResults.Invalid(input.Errors);
        }

        return await SaveAsync(id, input.Value, store, drivers, created: false, cancellationToken) switch
        {
            { Result: ContentHttpResult saved } => saved,
            { Result: ValidationProblem invalid } => invalid,
            _ => throw new InvalidOperationException("A save answers with the platform or its errors."),
        };
    }

    private static async Task<Results<Ok<ConnectionTestResult>, ProblemHttpResult>> TestConnectionAsync(
        Guid id, PlatformConnectionTests tests, CancellationToken cancellationToken) =>
        await tests.TestAsync(id, cancellationToken) is { } result ? TypedResults.Ok(result) : NotFound(id);

    private static async Task<Results<ContentHttpResult, ValidationProblem>> SaveAsync(
        Guid id, PlatformInput input, ImageStore store, IDriverCatalog drivers, bool created, CancellationToken cancellationToken)
    {
        var platform = new Platform
        {
            Id = id,
            Name = input.Name.Trim(),
            Kind = input.Kind,
            Technology = input.Technology,
            Capabilities = input.Capabilities!,
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            Connection = input.Connection?.ToConnection(),
        };
        var saved = await store.SavePlatformAsync(platform, cancellationToken);
        if (!saved.IsValid)
        {
            return ProblemResults.Invalid(saved.Errors);
        }

        if (input.Connection is { ClearPassword: true })
        {
            await store.ClearPlatformPasswordAsync(id, cancellationToken);
        }

        var view = PlatformView.Of((await store.FindPlatformAsync(id, cancellationToken))!, drivers, admin: true);
        return Json(view, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<ValidationResult<PlatformInput>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        PlatformInput? input;
        try
        {
            input = await JsonSerializer.DeserializeAsync<PlatformInput>(request.Body, LibraryJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            return ValidationResult<PlatformInput>.Failure(e.Path ?? "", $"The body is not a platform: {e.Message}");
        }

        if (input is null)
        {
            return ValidationResult<PlatformInput>.Failure("", "The body must be a JSON object describing the platform.");
        }

        return input.Capabilities is null
            ? ValidationResult<PlatformInput>.Failure("capabilities", "Say what the platform can run: its disk formats, firmware and architectures.")
            : ValidationResult<PlatformInput>.Success(input);
    }

    private static ContentHttpResult Json<T>(T value, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(JsonSerializer.Serialize(value, LibraryJson.Options), "application/json", statusCode: status);

    private static ProblemHttpResult NotFound(Guid id) => ProblemResults.NotFound($"There is no platform {id}.");
}
