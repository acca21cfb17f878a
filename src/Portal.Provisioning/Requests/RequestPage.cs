using Portal.Domain.Requests;

namespace Portal.Provisioning.Requests;

/// <summary>One page of a request list and how many match in all.</summary>
public sealed record RequestPage(IReadOnlyList<ServerRequest> Items, int Total);
