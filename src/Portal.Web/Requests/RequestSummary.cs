using Portal.Domain.Requests;

namespace Portal.Web.Requests;

/// <summary>A request in a list: enough to find it and see where it stands.</summary>
public sealed record RequestSummary(
    Guid Id, RequestStatus Status, string ImageName, int Quantity, IReadOnlyList<string> Hostnames, string RequestedBy,
    RequestDemand Demand, string? Message, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static RequestSummary Of(ServerRequest r) =>
        new(r.Id, r.Status, r.ImageName, r.Quantity, r.Hostnames, r.RequestedBy, r.Demand, r.Message, r.CreatedAt, r.UpdatedAt);
}

/// <summary>A page of request summaries and how many match in all.</summary>
public sealed record RequestSummaryPage(IReadOnlyList<RequestSummary> Items, int Total);
