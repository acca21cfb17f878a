using Portal.Domain.Deployments;
using Portal.Domain.Leases;
using Portal.Web.Requests;

namespace Portal.Web.Dashboard;

/// <summary>A requester's own: the requests still open (newest first) and the servers they hold, soonest lease end first.</summary>
public sealed record RequesterDashboardView(
    IReadOnlyList<RequestSummary> OpenRequests, int OpenTotal, IReadOnlyList<DeployedServer> Servers, int ServersTotal,
    IReadOnlyDictionary<Guid, ServerLease> Leases);
