using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Portal.Domain.Audit;
using Portal.Domain.Deployments;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Requests;
using Portal.Domain.Validation;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Quotas;
using Portal.Provisioning.Leases;
using Portal.Workflows.Hosting;

namespace Portal.Provisioning.Requests;

/// <summary>
/// Checks a requester's order and turns it into a request: one deployment per server (each with its own host
/// name, claimed, and its own generated secrets), the request record, and the provisioning workflow started
/// with the request's id as its correlation, all refused together with field errors when anything is wrong.
/// </summary>
public sealed partial class RequestSubmission(
    Provisioner provisioner, IRequestStore requests, IDeploymentStore deployments, IImageCatalog library, WorkflowEngine engine,
    QuotaPolicy quotas, TimeProvider clock, IAuditLog audit, RequestNotifications notifications, LeaseBook leases, ILogger<RequestSubmission> logger)
{
    public const int MaxJustification = 2000;
    public const int MinJustification = 10;
    public const int MaxLeaseDays = Domain.Leases.LeaseTerms.LongestDays;

    /// <summary>What the order would do, or why it cannot be done; nothing is recorded.</summary>
    public async Task<ValidationResult<RequestPreview>> PreviewAsync(ServerRequestOrder order, CancellationToken cancellationToken)
    {
        var checkedOrder = await CheckAsync(order, cancellationToken);
        if (!checkedOrder.IsValid)
        {
            return ValidationResult<RequestPreview>.Failure(checkedOrder.Errors);
        }

        var (image, names, prepared, demand) = checkedOrder.Value;
        var overQuota = await quotas.CheckAsync(order.RequestedBy, demand, cancellationToken);
        if (overQuota.Count > 0)
        {
            return ValidationResult<RequestPreview>.Failure(overQuota);
        }

        var first = prepared[0];
        return ValidationResult<RequestPreview>.Success(new RequestPreview(names, PlanInWords(first, names), first.Plan.Target.Name, demand));
    }

    public async Task<ValidationResult<ServerRequest>> SubmitAsync(ServerRequestOrder order, CancellationToken cancellationToken)
    {
        var checkedOrder = await CheckAsync(order, cancellationToken);
        if (!checkedOrder.IsValid)
        {
            return ValidationResult<ServerRequest>.Failure(checkedOrder.Errors);
        }

        var (image, names, prepared, demand) = checkedOrder.Value;
        var lease = checkedOrder.Value.Lease;
        var now = clock.GetUtcNow();
        var request = new ServerRequest
        {
            Id = prepared[0].Deployment.RequestId!.Value,
            ImageId = image.Id,
            ImageName = $"{image.Name} {image.Version}",
            RequestedBy = order.RequestedBy,
            Placement = order.Placement,
            PlatformId = order.PlatformId,
            Hardware = order.Hardware,
            Parameters = prepared[0].Deployment.Parameters
                .Where(p => !string.Equals(p.Key, Provisioner.HostnameParameter(image)?.Name, StringComparison.OrdinalIgnoreCase))
                .ToDictionary(StringComparer.OrdinalIgnoreCase),
            Quantity = order.Quantity,
            Hostnames = names,
            Justification = order.Justification!.Trim(),
            LeaseDays = lease.Days,
            Demand = demand,
            Plan = PlanInWords(prepared[0], names),
            DeploymentIds = prepared.Select(p => p.Deployment.Id).ToList(),
            CreatedAt = now,
            UpdatedAt = now,
        };

        // The quota is reserved with the request's creation, in its transaction: a request waiting for approval holds
        // its share, so slow approvals cannot let a user take more than their quota.
        var hold = await quotas.HoldForAsync(order.RequestedBy, demand, cancellationToken);
        var created = await audit.RecordWithAsync(
            new AuditEntry(AuditAction.RequestSubmitted, AuditTarget.Request(request.Id, request.ImageName), $"{request.Quantity} server(s): {string.Join(", ", names)}."),
            () => requests.CreateAsync(request, prepared, hold, cancellationToken), result => result.IsCreated, cancellationToken);
        if (created.HeldWhenRefused is { } held)
        {
            LogOverQuota(order.RequestedBy, request.Quantity);
            return ValidationResult<ServerRequest>.Failure(QuotaPolicy.Refused(hold, held, prepared.Count));
        }

        if (created.TakenNames.Count > 0)
        {
            return ValidationResult<ServerRequest>.Failure(NamesField(order), InUse(created.TakenNames));
        }

        await leases.OpenAsync(request.DeploymentIds, request.RequestedBy, lease, cancellationToken);

        var started = await engine.StartAsync(ProvisioningWorkflows.Provisioning, new JsonObject
        {
            ["requestId"] = request.Id.ToString(),
            ["requestedBy"] = request.RequestedBy,
            ["servers"] = request.Quantity,
            ["totalVcpu"] = demand.Vcpus,
            ["totalMemoryGiB"] = demand.MemoryMiB / 1024,
            ["physical"] = demand.Physical,
            ["deploymentIds"] = new JsonArray(request.DeploymentIds.Select(id => (JsonNode?)id.ToString()).ToArray()),
        }, request.Id.ToString(), cancellationToken);
        if (!started.IsValid)
        {
            // A product defect (no published provisioning workflow, or one that takes other inputs): say so on the request.
            var reason = string.Join(" ", started.Errors.Select(e => e.Message));
            LogNotStarted(request.Id, reason);
            await requests.UpdateAsync(request.Id, r => r.MoveTo(RequestStatus.Failed, $"The provisioning workflow could not start: {reason}", clock.GetUtcNow()), cancellationToken);
            await quotas.ReleaseAllAsync(request, cancellationToken);
            return ValidationResult<ServerRequest>.Failure("workflow", $"The request was recorded but its workflow could not start: {reason}");
        }

        LogSubmitted(request.Id, request.RequestedBy, request.Quantity, image.Name);
        var submitted = await requests.UpdateAsync(request.Id, r => r with { WorkflowInstanceId = started.Value.InstanceId }, cancellationToken);
        await notifications.SubmittedAsync(submitted, cancellationToken);
        await notifications.WaitingAsync(ApprovalTask.Of(started.Value), cancellationToken);
        return ValidationResult<ServerRequest>.Success(submitted);
    }

    private async Task<ValidationResult<CheckedOrder>> CheckAsync(ServerRequestOrder order, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        if (order.Quantity is < 1 or > ServerRequest.MaxQuantity)
        {
            errors.Add(new("quantity", $"Ask for 1 to {ServerRequest.MaxQuantity} servers in one request."));
        }

        var justification = order.Justification?.Trim() ?? "";
        if (justification.Length < MinJustification)
        {
            errors.Add(new("justification", $"Say in a sentence what the servers are for (at least {MinJustification} characters): approvers decide on it."));
        }
        else if (justification.Length > MaxJustification)
        {
            errors.Add(new("justification", $"Keep the justification under {MaxJustification} characters."));
        }

        // None asked: the policy's default; more than its maximum: refused (LeaseBook.ChooseAsync).
        var lease = await leases.ChooseAsync(order.ImageId, order.RequestedBy, order.LeaseDays, byAdmin: false, cancellationToken);
        errors.AddRange(lease.Errors);

        var image = await library.FindImageAsync(order.ImageId, cancellationToken);
        if (image is null)
        {
            errors.Add(new("imageId", "There is no image with this id."));
            return ValidationResult<CheckedOrder>.Failure(errors);
        }

        var hostnameParameter = Provisioner.HostnameParameter(image);
        IReadOnlyList<string?> names = [null];
        if (!string.IsNullOrWhiteSpace(order.HostnamePattern))
        {
            var expanded = HostnamePattern.Expand(order.HostnamePattern, Math.Clamp(order.Quantity, 1, ServerRequest.MaxQuantity));
            errors.AddRange(expanded.Errors);
            names = expanded.IsValid ? expanded.Value : names;
        }
        else if (order.Quantity > 1)
        {
            errors.Add(new(HostnamePattern.Field, $"{order.Quantity} servers need distinct names: give a pattern such as web-{{n}}."));
        }
        else if (hostnameParameter is not null && order.Parameters.GetValueOrDefault(hostnameParameter.Name) is { Length: > 0 } single)
        {
            names = [single];
        }

        var given = names.OfType<string>().ToList();
        if (given.Count > 0 && errors.Count == 0)
        {
            var inUse = await deployments.HostnamesInUseAsync(given, cancellationToken);
            if (inUse.Count > 0)
            {
                errors.Add(new(NamesField(order, hostnameParameter), InUse(inUse)));
            }
        }

        if (errors.Count > 0)
        {
            return ValidationResult<CheckedOrder>.Failure(errors);
        }

        var requestId = Guid.NewGuid();
        var prepared = new List<PreparedDeployment>();
        foreach (var name in names)
        {
            var one = await provisioner.PrepareAsync(new DeploymentOrder
            {
                ImageId = order.ImageId,
                Placement = order.Placement,
                PlatformId = order.PlatformId,
                Hardware = order.Hardware,
                Parameters = order.Parameters,
                RequestedBy = order.RequestedBy,
                RequestId = requestId,
                Hostname = name,
                // Requesters ask for published images only; drafts are for admins trying them out.
                AllowUnpublished = false,
            }, cancellationToken);
            if (!one.IsValid)
            {
                return ValidationResult<CheckedOrder>.Failure(one.Errors);
            }

            prepared.Add(one.Value);
        }

        var hardware = prepared[0].Plan.Hardware;
        var physical = order.Placement == Placement.Physical
            || (order.Placement == Placement.Any && await CouldBePhysicalAsync(image, order, cancellationToken));
        var demand = RequestDemand.Of(
            prepared.Count, hardware.Vcpus, (long)hardware.Memory.In(ResourceUnit.MiB).Value,
            (long)Math.Ceiling(hardware.TotalDisk.In(ResourceUnit.GiB).Value), physical);
        return ValidationResult<CheckedOrder>.Success(new CheckedOrder(image, prepared.Select(p => Provisioner.ServerName(p.Deployment, p.Plan)).ToList(), prepared, demand)
        {
            Lease = lease.Value,
        });
    }

    /// <summary>With placement Any, allocation may fall back to bare metal: the request counts as physical if any physical platform could take it.</summary>
    private async Task<bool> CouldBePhysicalAsync(MasterImage image, ServerRequestOrder order, CancellationToken cancellationToken)
    {
        var request = new DeploymentRequest { Hardware = order.Hardware, Parameters = order.Parameters };
        return (await library.PlatformsAsync(cancellationToken))
            .Where(p => p.Kind == PlatformKind.Physical && (order.PlatformId is null || p.Id == order.PlatformId))
            .Any(p => DeploymentPlanner.Plan(image, p, request).Errors.All(e => e.Field.StartsWith("parameters.", StringComparison.Ordinal)));
    }

    /// <summary>"Create a UEFI virtual machine on KVM cluster Frankfurt: 4 vCPU · 8 GiB…", then "Set host names web-1, web-2", in order.</summary>
    private static List<string> PlanInWords(PreparedDeployment first, IReadOnlyList<string> names)
    {
        var steps = first.Plan.Steps.Select(s => s.Description).ToList();
        var configure = first.Plan.Steps.ToList().FindIndex(s => s.Kind == DeploymentStepKind.ConfigureSoftware);
        if (first.Deployment.Hostname is not null)
        {
            var naming = names.Count == 1 ? $"Set the host name {names[0]}" : $"Set the host names {string.Join(", ", names)} (one server each)";
            steps.Insert(configure < 0 ? steps.Count : configure + 1, naming);
        }

        return steps;
    }

    private static string NamesField(ServerRequestOrder order, ConfigurationParameter? hostnameParameter = null) =>
        !string.IsNullOrWhiteSpace(order.HostnamePattern) || hostnameParameter is null ? HostnamePattern.Field : $"parameters.{hostnameParameter.Name}";

    private static string InUse(IReadOnlyList<string> names) => names.Count == 1
        ? $"The host name {names[0]} is in use by another server or request: choose another."
        : $"The host names {string.Join(", ", names)} are in use by other servers or requests: choose others.";

    private sealed record CheckedOrder(MasterImage Image, IReadOnlyList<string> Names, IReadOnlyList<PreparedDeployment> Prepared, RequestDemand Demand)
    {
        public required LeaseChoice Lease { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: {RequestedBy} asked for {Quantity} server(s) of {Image}")]
    private partial void LogSubmitted(Guid requestId, string requestedBy, int quantity, string image);

    [LoggerMessage(Level = LogLevel.Information, Message = "{RequestedBy} asked for {Quantity} server(s) over their quota: refused")]
    private partial void LogOverQuota(string requestedBy, int quantity);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId}: the provisioning workflow did not start: {Reason}")]
    private partial void LogNotStarted(Guid requestId, string reason);
}
