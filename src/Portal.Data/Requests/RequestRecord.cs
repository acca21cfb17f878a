using Portal.Domain.Requests;

namespace Portal.Data.Requests;

/// <summary>A request as stored: what lists filter and sort on as columns, the rest as JSON, and a concurrency token.</summary>
public sealed class RequestRecord
{
    public Guid Id { get; set; }

    public string RequestedBy { get; set; } = "";

    public RequestStatus Status { get; set; }

    public Guid ImageId { get; set; }

    /// <summary>Image name, host names and justification, lower-cased: what the list's search box looks in.</summary>
    public string SearchText { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string Document { get; set; } = "";

    public Guid Revision { get; set; }
}
