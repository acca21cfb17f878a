using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Deployments;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Security;
using Portal.Domain.Validation;
using Portal.Provisioning.Boot;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Inventory;
using Portal.Provisioning.Servers;
using Portal.Web.Provisioning.Servers;
using static Portal.Web.Hosting.ProblemResults;

namespace Portal.Web.Provisioning;

/// <summary>
/// Inventory, deployments and servers over HTTP. Admins manage everything; a signed-in user reads only the
/// deployments and servers they asked for. The boot endpoints are for machines, not people: no sign-in, but
/// a token that names one deployment and expires.
/// </summary>
public static class ProvisioningApi
{
    /// <summary>How long a writer told "not waiting yet" waits before it calls again.</summary>
    private const int CallbackRetryAfterSeconds = 2;

    public static IEndpointRouteBuilder MapProvisioningApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization().WithTags("Servers and deployments");
        api.MapGet("/deployments", ListDeploymentsAsync)
            .WithSummary("Lists deployments (the caller's; an admin's, all)");
        api.MapGet("/deployments/{id:guid}", GetDeploymentAsync)
            .WithSummary("Reads one deployment with its steps")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/servers", ListServersAsync)
            .WithSummary("Lists the caller's servers (an admin's, all) with their state");
        // A server's owner gives it back, captures or moves it without a ticket; admins may do so for anyone.
        api.MapPost("/servers/{id:guid}/decommission", async (Guid id, ClaimsPrincipal user, IDeploymentStore deployments, ProvisioningWorkflows workflows, CancellationToken ct) =>
            await OwnsAsync(user, id, deployments, ct) ? await StartedAsync(workflows.DecommissionAsync(id, ct)) : NoServer(id))
            .WithSummary("Decommissions a server: wipes it and gives it back to the pool")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/servers/{id:guid}/capture", CaptureAsync)
            .WithSummary("Captures a server's disk as a new draft image")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/servers/{id:guid}/migrate", async (Guid id, MigrateBody body, ClaimsPrincipal user, IDeploymentStore deployments, ProvisioningWorkflows workflows, CancellationToken ct) =>
            await OwnsAsync(user, id, deployments, ct) ? await StartedAsync(workflows.MigrateAsync(id, body.Placement ?? Placement.Virtual, body.PlatformId, ct)) : NoServer(id))
            .WithSummary("Moves a server to another placement or platform")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/servers/{id:guid}/initial-password", RevealInitialSecretsAsync)
            .WithSummary("Reveals a server's generated initial password, once")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        api.MapGet("/servers/{id:guid}/console", ReadConsoleAsync)
            .WithSummary("Reads a server's console output")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var admin = api.MapGroup("").RequireAuthorization(policy => policy.RequireRole(PortalRoles.Admin));
        admin.MapGet("/inventory/servers", async (IInventoryStore inventory, CancellationToken ct) =>
            TypedResults.Ok((await inventory.ServersAsync(ct)).Select(PhysicalServerView.Of)))
            .WithSummary("Lists the physical servers in the inventory");
        admin.MapGet("/inventory/hosts", async (IInventoryStore inventory, CancellationToken ct) =>
            TypedResults.Ok((await inventory.HostsAsync(ct)).Select(HypervisorHostView.Of)))
            .WithSummary("Lists the hypervisor hosts in the inventory");
        admin.MapPost("/inventory/servers/{id:guid}/maintenance", (Guid id, InventoryMaintenance maintenance, CancellationToken ct) => ServerMaintenanceAsync(id, true, maintenance, ct))
            .WithSummary("Takes a physical server into maintenance")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapDelete("/inventory/servers/{id:guid}/maintenance", (Guid id, InventoryMaintenance maintenance, CancellationToken ct) => ServerMaintenanceAsync(id, false, maintenance, ct))
            .WithSummary("Takes a physical server out of maintenance")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/inventory/hosts/{id:guid}/maintenance", (Guid id, InventoryMaintenance maintenance, CancellationToken ct) => HostMaintenanceAsync(id, true, maintenance, ct))
            .WithSummary("Takes a hypervisor host into maintenance")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapDelete("/inventory/hosts/{id:guid}/maintenance", (Guid id, InventoryMaintenance maintenance, CancellationToken ct) => HostMaintenanceAsync(id, false, maintenance, ct))
            .WithSummary("Takes a hypervisor host out of maintenance")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/inventory/servers", async (ServerInput body, InventoryRegistration registration, CancellationToken ct) =>
            Created(await registration.SaveServerAsync(null, body, ct), v => $"/api/inventory/servers/{v.Id}"))
            .WithSummary("Adds a physical server to the inventory")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPut("/inventory/servers/{id:guid}", async (Guid id, ServerInput body, InventoryRegistration registration, CancellationToken ct) =>
            Saved(await registration.SaveServerAsync(id, body, ct)))
            .WithSummary("Changes a physical server in the inventory")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapDelete("/inventory/servers/{id:guid}", async (Guid id, InventoryRegistration registration, CancellationToken ct) =>
            Removed(await registration.RemoveServerAsync(id, ct)))
            .WithSummary("Removes a physical server from the inventory")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/inventory/hosts", async (HostInput body, InventoryRegistration registration, CancellationToken ct) =>
            Created(await registration.SaveHostAsync(null, body, ct), v => $"/api/inventory/hosts/{v.Id}"))
            .WithSummary("Adds a hypervisor host to the inventory")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPut("/inventory/hosts/{id:guid}", async (Guid id, HostInput body, InventoryRegistration registration, CancellationToken ct) =>
            Saved(await registration.SaveHostAsync(id, body, ct)))
            .WithSummary("Changes a hypervisor host in the inventory")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapDelete("/inventory/hosts/{id:guid}", async (Guid id, InventoryRegistration registration, CancellationToken ct) =>
            Removed(await registration.RemoveHostAsync(id, ct)))
            .WithSummary("Removes a hypervisor host from the inventory")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/deployments", CreateDeploymentAsync)
            .WithSummary("Starts a deployment directly (admins; requesters go through a request)");
        admin.MapPost("/deployments/{id:guid}/retry", RetryDeploymentAsync)
            .WithSummary("Retries a failed deployment")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/deployments/{id:guid}/cancel", CancelDeploymentAsync)
            .WithSummary("Cancels a deployment in progress")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // The image writer on a booting server has no account: the token in the URL is its credential.
        var boot = endpoints.MapGroup("/api/boot/{token}").AllowAnonymous().WithTags("Boot (machines)");
        boot.MapGet("/script", BootScriptAsync)
            .WithSummary("For a booting server's image writer: its iPXE boot script")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        boot.MapGet("/image", BootImageAsync)
            .WithSummary("For a booting server's image writer: the image file to write")
            .ProducesProblem(StatusCodes.Status404NotFound);
        boot.MapPost("/callback", BootCallbackAsync)
            .WithSummary("For a booting server's image writer: reports the write's outcome")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<Accepted<DeploymentView>, ValidationProblem>> CreateDeploymentAsync(
        DeploymentRequestBody body, ClaimsPrincipal user, ProvisioningWorkflows workflows, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        if (body.ImageId is null)
        {
            errors.Add(new("imageId", "Say which image to deploy (imageId)."));
        }

        var hardware = OrderFields.Hardware(body.Hardware, errors);
        var parameters = OrderFields.Parameters(body.Parameters, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var started = await workflows.DeployAsync(new DeploymentOrder
        {
            ImageId = body.ImageId!.Value,
            Placement = body.Placement ?? Placement.Any,
            PlatformId = body.PlatformId,
            Hardware = hardware,
            Parameters = parameters,
            RequestedBy = user.Identity!.Name!,
            AllowUnpublished = true,
            LeaseDays = body.LeaseDays,
        }, cancellationToken);
        if (!started.IsValid)
        {
            return Invalid(started.Errors);
        }

        var view = DeploymentView.Of(started.Value, null, null);
        return TypedResults.Accepted($"/api/deployments/{view.Id}", view);
    }

    private static async Task<Results<Ok<DeploymentView>, ProblemHttpResult>> GetDeploymentAsync(
        Guid id, ClaimsPrincipal user, DeploymentAdministration administration, CancellationToken cancellationToken)
    {
        var deployment = await administration.FindAsync(id, cancellationToken);
        // Another user's deployment answers exactly like a missing one: its existence is not theirs to learn.
        if (deployment is null || !CanSee(user, deployment.RequestedBy))
        {
            return NotFound($"There is no deployment {id}.");
        }

        return TypedResults.Ok(deployment);
    }

    private static async Task<Ok<IReadOnlyList<DeploymentView>>> ListDeploymentsAsync(
        ClaimsPrincipal user, DeploymentAdministration administration, CancellationToken cancellationToken, int take = 50) =>
        TypedResults.Ok(await administration.ListAsync(user.IsInRole(PortalRoles.Admin) ? null : user.Identity!.Name, Math.Clamp(take, 1, 500), cancellationToken));

    private static async Task<Ok<IEnumerable<DeployedServerView>>> ListServersAsync(
        ClaimsPrincipal user, IDeploymentStore deployments, CancellationToken cancellationToken) =>
        TypedResults.Ok((await deployments.ServersAsync(user.IsInRole(PortalRoles.Admin) ? null : user.Identity!.Name, cancellationToken)).Select(DeployedServerView.Of));

    private static async Task<Results<Accepted<DeploymentView>, ProblemHttpResult, ValidationProblem>> RetryDeploymentAsync(
        Guid id, DeploymentAdministration administration, CancellationToken cancellationToken) =>
        AcceptedOrProblem(await administration.RetryAsync(id, cancellationToken));

    private static async Task<Results<Accepted<DeploymentView>, ProblemHttpResult, ValidationProblem>> CancelDeploymentAsync(
        Guid id, DeploymentAdministration administration, CancellationToken cancellationToken) =>
        AcceptedOrProblem(await administration.CancelAsync(id, cancellationToken));

    private static Results<Accepted<DeploymentView>, ProblemHttpResult, ValidationProblem> AcceptedOrProblem(AdminOutcome<DeploymentView> outcome) =>
        outcome switch
        {
            { Value: { } view } => TypedResults.Accepted($"/api/deployments/{view.Id}", view),
            { Missing: { } missing } => NotFound(missing),
            _ => Invalid(outcome.Errors),
        };

    private static async Task<Results<Ok<PhysicalServerView>, ProblemHttpResult, ValidationProblem>> ServerMaintenanceAsync(
        Guid id, bool on, InventoryMaintenance maintenance, CancellationToken cancellationToken) =>
        await maintenance.SetServerAsync(id, on, cancellationToken) switch
        {
            { Value: { } server } => TypedResults.Ok(server),
            { Missing: { } missing } => NotFound(missing),
            var refused => Invalid(refused.Errors),
        };

    private static async Task<Results<Ok<HypervisorHostView>, ProblemHttpResult>> HostMaintenanceAsync(
        Guid id, bool on, InventoryMaintenance maintenance, CancellationToken cancellationToken) =>
        await maintenance.SetHostAsync(id, on, cancellationToken) switch
        {
            { Value: { } host } => TypedResults.Ok(host),
            var missing => NotFound(missing.Missing ?? $"There is no host {id}."),
        };

    private static async Task<Results<Accepted<StartedView>, ValidationProblem, ProblemHttpResult>> StartedAsync(Task<ValidationResult<Portal.Workflows.Runtime.WorkflowState>> start)
    {
        var started = await start;
        return started.IsValid
            ? TypedResults.Accepted($"/api/workflow-instances/{started.Value.InstanceId}", new StartedView(started.Value.InstanceId, started.Value.DefinitionId, started.Value.Status.ToString()))
            : Invalid(started.Errors);
    }

    /// <summary>Starts image-capture and answers at once with the id the new draft image will have (it appears at /api/images/{id} when done).</summary>
    private static async Task<Results<Accepted<CaptureStartedView>, ValidationProblem, ProblemHttpResult>> CaptureAsync(
        Guid id, CaptureBody? body, ClaimsPrincipal user, IDeploymentStore deployments, ProvisioningWorkflows workflows, CancellationToken cancellationToken)
    {
        if (!await OwnsAsync(user, id, deployments, cancellationToken))
        {
            return NoServer(id);
        }

        var imageId = Guid.NewGuid();
        var started = await workflows.CaptureAsync(id, body?.Name, user.Identity!.Name!, imageId, cancellationToken);
        return started.IsValid
            ? TypedResults.Accepted($"/api/images/{imageId}", new CaptureStartedView(started.Value.InstanceId, imageId, started.Value.Status.ToString()))
            : Invalid(started.Errors);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> BootScriptAsync(
        string token, BootTokens tokens, Provisioner provisioner, IpxeScriptBuilder scripts, BootOptions options, CancellationToken cancellationToken)
    {
        if (!tokens.TryValidate(token, out var deploymentId) || await provisioner.ImageBootAsync(deploymentId, cancellationToken) is not { } boot)
        {
            return NotFound("This boot link is unknown, expired, or its deployment is not writing an image.");
        }

        var artifact = boot.Artifact;
        var imageUrl = artifact.Location.Scheme is "http" or "https" ? artifact.Location : new Uri(options.PortalBaseUrl!, $"api/boot/{token}/image");
        var script = scripts.Build(new ImageWriteRequest
        {
            DeploymentId = deploymentId, ImageUrl = imageUrl, ImageFormat = artifact.Format, ImageSha256 = artifact.Sha256 ?? "", TargetDisk = "auto",
            Firmware = boot.Firmware, IpxeHasHttps = boot.IpxeHasHttps,
        });
        return script.IsValid
            ? TypedResults.Text(script.Value, "text/plain")
            : TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The boot script cannot be built",
                detail: string.Join(" ", script.Errors.Select(e => e.Message)));
    }

    private static async Task<IResult> BootImageAsync(string token, BootTokens tokens, Provisioner provisioner, CancellationToken cancellationToken)
    {
        if (!tokens.TryValidate(token, out var deploymentId) || await provisioner.ArtifactToWriteAsync(deploymentId, cancellationToken) is not { } artifact
            || !artifact.Location.IsFile || !File.Exists(artifact.Location.LocalPath))
        {
            return NotFound("No image file to serve for this boot link.");
        }

        return TypedResults.PhysicalFile(artifact.Location.LocalPath, "application/octet-stream", enableRangeProcessing: true);
    }

    /// <summary>
    /// The image writer's report. The writer's contract (see src/Portal.Provisioning/Boot/README.md): 2xx and 404 are
    /// final; anything else, or no answer, is tried again with backoff. 202: recorded and the deployment goes on;
    /// 200: a repeat, or a report after the deployment stopped waiting — recorded, nothing runs again, the body says
    /// what was recorded; 503 with Retry-After: recorded, but the deployment is still committing its write step.
    /// </summary>
    private static async Task<IResult> BootCallbackAsync(
        string token, BootCallbackBody body, BootTokens tokens, IDeploymentCallbackSink sink, CancellationToken cancellationToken)
    {
        if (!tokens.TryValidate(token, out var deploymentId))
        {
            return NotFound("This boot link is unknown or expired.");
        }

        var receipt = await sink.DeliverAsync(deploymentId, new DeploymentCallback(body.Succeeded, body.Message, body.DiskLocation), cancellationToken);
        var view = new CallbackReceiptView(receipt.Kind.ToString(), receipt.Recorded?.Succeeded, receipt.Recorded?.Message, receipt.Message);
        return receipt.Kind switch
        {
            CallbackReceiptKind.Resumed => TypedResults.Accepted((string?)null, view),
            CallbackReceiptKind.AlreadyRecorded or CallbackReceiptKind.Late => TypedResults.Ok(view),
            CallbackReceiptKind.NotWaitingYet => new RetryLater(view, CallbackRetryAfterSeconds),
            _ => NotFound("No image writer was booted for this deployment."),
        };
    }

    private static Results<Created<T>, ProblemHttpResult, ValidationProblem> Created<T>(AdminOutcome<T> outcome, Func<T, string> location)
        where T : class =>
        outcome.Value is { } value ? TypedResults.Created(location(value), value)
        : outcome.Missing is { } missing ? NotFound(missing)
        : Invalid(outcome.Errors);

    private static Results<Ok<T>, ProblemHttpResult, ValidationProblem> Saved<T>(AdminOutcome<T> outcome)
        where T : class =>
        outcome.Value is { } value ? TypedResults.Ok(value)
        : outcome.Missing is { } missing ? NotFound(missing)
        : Invalid(outcome.Errors);

    private static Results<NoContent, ProblemHttpResult, ValidationProblem> Removed(AdminOutcome<string> outcome) =>
        outcome.Succeeded ? TypedResults.NoContent()
        : outcome.Missing is { } missing ? NotFound(missing)
        : Invalid(outcome.Errors);

    /// <summary>
    /// The passwords the portal generated for a server, shown once to its owner (not even an admin sees them):
    /// 200 the first time, 410 every time after, 404 for anyone else or a server without generated secrets.
    /// </summary>
    private static async Task<Results<Ok<InitialSecretsView>, ProblemHttpResult>> RevealInitialSecretsAsync(
        Guid id, ClaimsPrincipal user, IDeploymentStore deployments, IImageCatalog library, TimeProvider clock, CancellationToken cancellationToken) =>
        await InitialPasswords.RevealAsync(deployments, library, user, id, clock.GetUtcNow(), cancellationToken) switch
        {
            { Secrets: { } secrets } => TypedResults.Ok(secrets),
            { ShownAt: { } shownAt, Server: var name } => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Shown already",
                detail: $"The initial password of {name} was shown on {shownAt:yyyy-MM-dd HH:mm} UTC and is never shown again. If it is lost, reset it on the server."),
            _ => NotFound($"There is no server {id} of yours with a password the portal generated."),
        };

    /// <summary>The end (64 KiB) of what the server wrote on its serial console, as plain text; 204 while there is none.</summary>
    private static async Task<Results<ContentHttpResult, NoContent, ProblemHttpResult>> ReadConsoleAsync(
        Guid id, ClaimsPrincipal user, IDeploymentStore deployments, ServerLifecycle servers, CancellationToken cancellationToken)
    {
        if (!await OwnsAsync(user, id, deployments, cancellationToken))
        {
            return NoServer(id);
        }

        return await servers.ReadConsoleAsync(id, ConsoleBytes, cancellationToken) is { } text
            ? TypedResults.Text(text, "text/plain; charset=utf-8")
            : TypedResults.NoContent();
    }

    private const int ConsoleBytes = 64 * 1024;

    private static async Task<bool> OwnsAsync(ClaimsPrincipal user, Guid serverId, IDeploymentStore deployments, CancellationToken cancellationToken) =>
        await deployments.FindServerAsync(serverId, cancellationToken) is { } server && CanSee(user, server.Owner);

    /// <summary>Another user's server answers exactly like a missing one.</summary>
    private static ProblemHttpResult NoServer(Guid id) => NotFound($"There is no server {id}.");

    private static bool CanSee(ClaimsPrincipal user, string owner) => ServerAccess.MayAct(user, owner);
}

public sealed record CaptureBody(string? Name);

public sealed record MigrateBody(Placement? Placement, Guid? PlatformId);

public sealed record BootCallbackBody(bool Succeeded, string? Message, string? DiskLocation);

/// <summary>What the portal made of a writer's callback: the receipt, and the outcome recorded for the write (the first callback's).</summary>
public sealed record CallbackReceiptView(string Receipt, bool? RecordedSucceeded, string? RecordedMessage, string Message);

public sealed record StartedView(string InstanceId, string Workflow, string Status);

public sealed record CaptureStartedView(string InstanceId, Guid ImageId, string Status);

/// <summary>The secrets the portal generated for a server, as shown once to its owner.</summary>
public sealed record InitialSecretsView(Guid ServerId, string Server, IReadOnlyList<InitialSecretView> Secrets)
{
    /// <summary>Names only: this record carries passwords.</summary>
    public override string ToString() => $"InitialSecretsView {{ Server = {Server}, Secrets = [{string.Join(", ", Secrets.Select(s => s.Name))}] }}";
}

/// <summary>One generated secret: its parameter, what it is for, and its value.</summary>
public sealed record InitialSecretView(string Name, string Label, string Value)
{
    public override string ToString() => $"InitialSecretView {{ Name = {Name}, Value = *** }}";
}
