using System.Globalization;
using System.Text;
using MudBlazor;
using Portal.Domain.Deployments;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Requests;
using Portal.Web.Provisioning;

namespace Portal.Web.Requests;

/// <summary>
/// The sentences the request pages show: who a request waits for and until when, how far each server got, what was
/// asked in plain words, and what its outcome means for the requester.
/// </summary>
public static class RequestPageText
{
    /// <summary>"an approver", "an approver or an admin", "kim@portal.local", "anyone".</summary>
    public static string Whom(IReadOnlyList<string> roles, IReadOnlyList<string> users)
    {
        var whom = roles.Select(r => r.ToLowerInvariant()).Select(r => $"{("aeiou".Contains(r[0], StringComparison.Ordinal) ? "an" : "a")} {r}")
            .Concat(users).ToList();
        return whom.Count switch
        {
            0 => "anyone",
            1 => whom[0],
            _ => $"{string.Join(", ", whom.Take(whom.Count - 1))} or {whom[^1]}",
        };
    }

    /// <summary>"Waiting for an approver since 10:02 UTC (expires in 3 days)"; "(overdue by 2 hours)" once the due time passed.</summary>
    public static string Waiting(WaitingView waiting, DateTimeOffset now)
    {
        var sentence = $"Waiting for {Whom(waiting.Roles, waiting.Users)} since {RelativeTime.Clock(waiting.Since, now)}";
        return waiting.DueAt switch
        {
            { } due when due > now => $"{sentence} (expires {RelativeTime.Describe(due, now)})",
            { } due => $"{sentence} (overdue since {RelativeTime.Clock(due, now)})",
            null => sentence,
        };
    }

    /// <summary>"3 of 6 steps · Write image to VM", "Starts once the request is approved", "Done · all 6 steps", "Failed after 3 of 6 steps".</summary>
    public static string Progress(RequestServerView server, RequestStatus request) => server.DeploymentStatus switch
    {
        DeploymentStatus.Completed => server.StepsTotal == 0 ? "Done" : $"Done · all {server.StepsTotal} steps",
        DeploymentStatus.Cancelled => "Not built",
        DeploymentStatus.Failed => server.StepsTotal == 0 ? "Failed before its first step" : $"Failed after {server.StepsDone} of {server.StepsTotal} steps",
        _ when !HasStarted(server, request) => "Starts once the request is approved",
        _ when server.StepsTotal == 0 => "Starting",
        _ => $"{server.StepsDone} of {server.StepsTotal} steps{(server.CurrentStep is { } step ? $" · {step}" : "")}",
    };

    /// <summary>Whether the server's deployment is under way or over (not waiting for the request's approval).</summary>
    public static bool HasStarted(RequestServerView server, RequestStatus request) =>
        server.DeploymentStatus != DeploymentStatus.Pending || request is not (RequestStatus.PendingApproval or RequestStatus.Approved);

    /// <summary>A server's deployment in the requester's words: "Deploying" rather than the engine's "Running", which reads like the server's own state.</summary>
    public static string Deployment(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Pending => "Queued",
        DeploymentStatus.Running => "Deploying",
        DeploymentStatus.Completed => "Deployed",
        DeploymentStatus.Cancelled => "Not built",
        _ => status.ToString(),
    };

    /// <summary>"you" for the reader's own request, else the requester's name.</summary>
    public static string Requester(string requestedBy, string? reader) =>
        string.Equals(requestedBy, reader, StringComparison.OrdinalIgnoreCase) ? "you" : requestedBy;

    /// <summary>How far a server got in percent, for its progress bar.</summary>
    public static double Percent(RequestServerView server) =>
        server.DeploymentStatus == DeploymentStatus.Completed ? 100 : ProvisioningText.Percent(server.StepsDone, server.StepsTotal);

    /// <summary>"web-01", "web-01, web-02 and web-03", "web-01, web-02, web-03 and 7 more".</summary>
    public static string Names(IReadOnlyList<string> names, int most = 3)
    {
        if (names.Count == 0)
        {
            return "";
        }

        if (names.Count > most)
        {
            return $"{string.Join(", ", names.Take(most))} and {names.Count - most} more";
        }

        return names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";
    }

    /// <summary>"1 server", "3 servers".</summary>
    public static string Servers(int count) => count == 1 ? "1 server" : $"{count} servers";

    /// <summary>One server's size: "2 vCPU · 4 GiB memory · 80 GiB disk".</summary>
    public static string Each(RequestDemand demand)
    {
        var servers = Math.Max(1, demand.Servers);
        return Size(demand.Vcpus / servers, demand.MemoryMiB / servers, demand.DiskGiB / servers);
    }

    /// <summary>All servers together: "6 vCPU · 12 GiB memory · 240 GiB disk".</summary>
    public static string Total(RequestDemand demand) => Size(demand.Vcpus, demand.MemoryMiB, demand.DiskGiB);

    /// <summary>"A virtual machine on Simulated virtual datacenter", "A physical server, wherever it fits".</summary>
    public static string Placement(Domain.Inventory.Placement placement, string? platformName)
    {
        var kind = placement switch
        {
            Domain.Inventory.Placement.Virtual => "A virtual machine",
            Domain.Inventory.Placement.Physical => "A physical server",
            _ => "A virtual machine or a physical server",
        };
        return platformName is null ? $"{kind}, wherever it fits" : $"{kind} on {platformName}";
    }

    /// <summary>"30 days", "No end date: keep it until you give it back".</summary>
    public static string Lease(int? days) => days switch
    {
        null => "No end date: keep it until you give it back",
        1 => "1 day",
        { } n => $"{n} days",
    };

    /// <summary>A parameter's label: the image's own label for it, else its name as words ("adminUser" → "Admin user").</summary>
    public static string ParameterLabel(string name, ConfigurationParameter? definition) =>
        definition?.DisplayLabel ?? ParameterLabels.FromName(name);

    /// <summary>What the request's outcome means for the requester, for the banner under its header.</summary>
    public static RequestBanner Banner(RequestView request)
    {
        var up = request.Servers.Count(s => s.DeploymentStatus == DeploymentStatus.Completed);
        var rejection = request.Decisions.LastOrDefault(d => d.Outcome != "Approved");
        return request.Status switch
        {
            RequestStatus.PendingApproval => new(Severity.Warning, "Waiting for approval",
                "Nothing is built until the request is approved. Until then you can still cancel it."),
            RequestStatus.Approved => new(Severity.Info, "Approved", "The servers are about to be deployed."),
            RequestStatus.Provisioning => new(Severity.Info, request.Quantity == 1 ? "Deploying your server" : $"Deploying {Servers(request.Quantity)}",
                request.Quantity == 1 ? "This page moves by itself as each step is done." : $"{up} of {request.Quantity} are up. This page moves by itself as each step is done."),
            RequestStatus.Completed => new(Severity.Success, request.Quantity == 1 ? "Your server is ready" : $"Your {request.Quantity} servers are ready",
                "Sign in with the address below. They are listed under My servers, where you can also give them back."),
            RequestStatus.Rejected => new(Severity.Error,
                rejection is null ? "Rejected" : $"Rejected by {rejection.User}",
                rejection?.Comment ?? request.Message ?? "No reason was given.",
                "Nothing was built and the host names are free again. Change the request and ask again if the reason allows it."),
            RequestStatus.Failed => new(Severity.Error, up == 0 ? "The deployment failed" : $"{request.Quantity - up} of {request.Quantity} servers failed",
                Failure(request),
                $"{(up > 0 ? "The servers that came up are yours already. " : "")}An admin can retry what failed; the request completes when every server is up."),
            _ => new(Severity.Normal, "Cancelled", request.Message ?? "The request was withdrawn.", "Nothing was built and the host names are free again."),
        };
    }

    /// <summary>
    /// Why a request failed, briefly: the servers' own errors are on their cards, so the banner names them and says
    /// where to look; the request's message when no server says why.
    /// </summary>
    public static string Failure(RequestView request)
    {
        var failed = request.Servers.Where(s => s.DeploymentStatus == DeploymentStatus.Failed && s.Error is not null).Select(s => s.Hostname).ToList();
        return failed.Count switch
        {
            0 => request.Message ?? "No reason was recorded.",
            1 when request.Servers.Count == 1 => request.Servers[0].Error!,
            1 => $"{failed[0]} could not be deployed: its card below says why.",
            _ => $"{Names(failed, ServerRequest.MaxQuantity)} could not be deployed: each card below says why.",
        };
    }

    public static Color TimelineColor(TimelineKind kind) => kind switch
    {
        TimelineKind.Done => Color.Success,
        TimelineKind.Waiting => Color.Warning,
        TimelineKind.Failed or TimelineKind.Rejected => Color.Error,
        TimelineKind.Approved => Color.Success,
        _ => Color.Info,
    };

    public static string TimelineIcon(TimelineKind kind) => kind switch
    {
        TimelineKind.Done => Icons.Material.Filled.Check,
        TimelineKind.Waiting => Icons.Material.Filled.HourglassTop,
        TimelineKind.Failed => Icons.Material.Filled.PriorityHigh,
        TimelineKind.Approved => Icons.Material.Filled.ThumbUp,
        TimelineKind.Rejected => Icons.Material.Filled.ThumbDown,
        _ => Icons.Material.Filled.Circle,
    };

    public static Color DecisionColor(string outcome) => outcome == "Approved" ? Color.Success : Color.Error;

    private static string Size(int vcpus, long memoryMiB, long diskGiB) =>
        string.Join(" · ", new[]
        {
            vcpus > 0 ? $"{vcpus.ToString(CultureInfo.InvariantCulture)} vCPU" : null,
            memoryMiB > 0 ? $"{ProvisioningText.MiB(memoryMiB)} memory" : null,
            diskGiB > 0 ? $"{ProvisioningText.GiB(diskGiB)} disk" : null,
        }.OfType<string>());
}
