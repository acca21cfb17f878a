using Portal.Workflows.Runtime;

namespace Portal.Web.Workflows.Pages;

/// <summary>
/// What the instance list is filtered by, as it travels in the address bar
/// (<c>/admin/workflows/instances?status=Faulted&amp;definition=provision-vm</c>), so a view can be bookmarked and
/// shared. Unknown or malformed values are ignored, not errors.
/// </summary>
public sealed record InstanceFilter
{
    public const string StatusKey = "status";
    public const string DefinitionKey = "definition";
    public const string CorrelationKey = "correlation";

    public static InstanceFilter None { get; } = new();

    public WorkflowStatus? Status { get; init; }

    public string? DefinitionId { get; init; }

    /// <summary>Matched exactly: a correlation id names one business object (a request, a server).</summary>
    public string? CorrelationId { get; init; }

    public bool IsEmpty => this == None;

    public static InstanceFilter FromQuery(string? status, string? definitionId, string? correlationId) => new()
    {
        Status = Enum.TryParse<WorkflowStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                 && !int.TryParse(status, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? parsed
            : null,
        DefinitionId = Clean(definitionId),
        CorrelationId = Clean(correlationId),
    };

    /// <summary>The query-string values for this filter; a null removes its parameter from the address.</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        [StatusKey] = Status?.ToString(),
        [DefinitionKey] = DefinitionId,
        [CorrelationKey] = CorrelationId,
    };

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
