using Portal.Domain.Deployments;
using Portal.Domain.Library;
using Portal.Domain.Requests;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Requests;
using Portal.Web.Provisioning;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Web.Requests;

/// <summary>
/// Reads requests as people see them, for the pages and the API alike: the record joined with its deployments and
/// servers, the decisions, what its workflow waits for, and the timeline of its workflow and its children. Every
/// read goes to the database, so a page polling it sees what another portal node did. Scoped.
/// </summary>
public sealed class RequestReader(
    IRequestStore requests, IDeploymentStore deployments, ITaskDecisionStore decisions, IWorkflowInstanceStore instances,
    WorkflowDefinitions definitions, IImageCatalog library, IDriverCatalog drivers)
{
    /// <summary>The most instances a request's timeline reads: its own and one per server.</summary>
    private const int MaxInstances = ServerRequest.MaxQuantity * 4 + 1;

    public async Task<RequestSummaryPage> ListAsync(RequestQuery query, CancellationToken cancellationToken)
    {
        var page = await requests.ListAsync(query, cancellationToken);
        return new RequestSummaryPage(page.Items.Select(RequestSummary.Of).ToList(), page.Total);
    }

    public async Task<RequestView?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await requests.FindAsync(id, cancellationToken) is { } request ? await ViewAsync(request, cancellationToken) : null;

    public async Task<RequestView> ViewAsync(ServerRequest request, CancellationToken cancellationToken)
    {
        var states = await instances.CorrelatedAsync(request.Id.ToString(), MaxInstances, cancellationToken);
        var byId = states.ToDictionary(s => s.InstanceId, StringComparer.Ordinal);
        var platforms = (await library.PlatformsAsync(cancellationToken)).ToDictionary(p => p.Id);
        var servers = new List<RequestServerView>();
        var hostnames = new Dictionary<Guid, string>();
        for (var i = 0; i < request.DeploymentIds.Count; i++)
        {
            var deploymentId = request.DeploymentIds[i];
            var fallbackName = i < request.Hostnames.Count ? request.Hostnames[i] : $"server {i + 1}";
            if (await deployments.FindAsync(deploymentId, cancellationToken) is not { } deployment)
            {
                continue;
            }

            var server = await deployments.FindServerByDeploymentAsync(deploymentId, cancellationToken);
            var child = deployment.WorkflowInstanceId is { } childId ? byId.GetValueOrDefault(childId) : null;
            var view = DeploymentView.Of(deployment, child, server);
            var name = server?.Name ?? deployment.Hostname ?? fallbackName;
            hostnames[deploymentId] = name;
            var platform = (server?.PlatformId ?? deployment.TargetPlatformId ?? deployment.PlatformId) is { } platformId ? platforms.GetValueOrDefault(platformId) : null;
            servers.Add(new RequestServerView(
                deploymentId, name, view.Status, view.Error,
                deployment.Steps.Count(s => s.State is StepState.Completed or StepState.Skipped), deployment.Steps.Count,
                deployment.Steps.FirstOrDefault(s => s.State == StepState.Running)?.Description,
                server?.Id, server?.Status, server?.IpAddress, platform?.Id, platform?.Name, platform?.Kind, server?.Hardware.Summary(),
                platform is not null && drivers.IsSimulated(platform)));
        }

        var decided = await decisions.ForRequestAsync(request.Id, cancellationToken);
        var own = request.WorkflowInstanceId is { } instanceId ? byId.GetValueOrDefault(instanceId) : null;
        var waiting = own is null
            ? []
            : ApprovalTask.Of(own).Select(t => new WaitingView(t.Id, t.Title, t.Roles, t.Users, t.CreatedAt, t.DueAt)).ToList();
        var withDefinitions = new List<(WorkflowState, WorkflowDefinition?)>();
        var known = new Dictionary<(string, int), WorkflowDefinition?>();
        foreach (var state in states)
        {
            var key = (state.DefinitionId, state.DefinitionVersion);
            if (!known.TryGetValue(key, out var definition))
            {
                known[key] = definition = (await definitions.FindAsync(state.DefinitionId, state.DefinitionVersion, cancellationToken))?.Definition;
            }

            withDefinitions.Add((state, definition));
        }

        var timeline = RequestTimeline.Build(request, decided, withDefinitions, id => hostnames.GetValueOrDefault(id));
        return new RequestView(
            request.Id, request.Status, request.ImageId, request.ImageName, request.RequestedBy, request.Placement, request.PlatformId,
            request.Hardware, request.Parameters, request.Quantity, request.Hostnames, request.Justification, request.LeaseDays, request.Demand,
            request.Plan, request.Message, request.CreatedAt, request.UpdatedAt, request.WorkflowInstanceId, request.IsCancellable && waiting.Count > 0,
            servers, decided.Select(d => new DecisionView(d.Task, d.User, d.Outcome, d.Comment, d.DecidedAt)).ToList(), waiting, timeline);
    }
}
