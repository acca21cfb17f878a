using Portal.Domain.Deployments;
using Portal.Web.Requests;

namespace Portal.Web.Dashboard;

/// <summary>A requester's own: the requests still open (newest first) and the servers they hold.</summary>
public sealed record RequesterDashboardView(
    IReadOnlyList<RequestSummary> OpenRequests, int OpenTotal, IReadOnlyList<DeployedServer> Servers, int ServersTotal);
