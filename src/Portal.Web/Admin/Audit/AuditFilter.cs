using System.Globalization;
using Portal.Data.Audit;
using Portal.Domain.Audit;
using Portal.Domain.Validation;

namespace Portal.Web.Admin.Audit;

/// <summary>
/// The audit filter as the API and the page's address carry it: <c>from</c> and <c>to</c> (ISO 8601 date or instant;
/// a date alone means the whole day in UTC, so <c>to=2026-12-07</c> includes the 7th; an instant in <c>to</c> is
/// exclusive), <c>actor</c>, <c>action</c> (an <see cref="AuditAction"/> name), <c>page</c> (from 1) and <c>pageSize</c>.
/// </summary>
public sealed record AuditFilter(string? From, string? To, string? Actor, string? Action, int? Page = null, int? PageSize = null)
{
    public const string FromKey = "from";
    public const string ToKey = "to";
    public const string ActorKey = "actor";
    public const string ActionKey = "action";

    public static AuditFilter None { get; } = new(null, null, null, null);

    public ValidationResult<AuditQuery> ToQuery()
    {
        var errors = new List<ValidationError>();
        var from = Instant(From, FromKey, endOfDay: false, errors);
        var to = Instant(To, ToKey, endOfDay: true, errors);
        AuditAction? action = null;
        if (!string.IsNullOrWhiteSpace(Action))
        {
            if (Enum.TryParse<AuditAction>(Action.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                action = parsed;
            }
            else
            {
                errors.Add(new(ActionKey, $"Choose one of: {string.Join(", ", Enum.GetNames<AuditAction>())}."));
            }
        }

        if (Page is < 1)
        {
            errors.Add(new("page", "Pages are counted from 1."));
        }

        if (PageSize is < 1 or > AuditQuery.MaxPageSize)
        {
            errors.Add(new("pageSize", $"A page holds 1 to {AuditQuery.MaxPageSize} records."));
        }

        if (from is not null && to is not null && to <= from)
        {
            errors.Add(new(ToKey, "The end of the period comes after its start."));
        }

        return errors.Count > 0
            ? ValidationResult<AuditQuery>.Failure(errors)
            : ValidationResult<AuditQuery>.Success(new AuditQuery
            {
                From = from,
                To = to,
                Actor = string.IsNullOrWhiteSpace(Actor) ? null : Actor.Trim(),
                Action = action,
                Page = Page ?? 1,
                PageSize = PageSize ?? AuditQuery.DefaultPageSize,
            });
    }

    /// <summary>The filter (not the page) as query parameters: for the address of the page and the CSV link.</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        [FromKey] = Blank(From),
        [ToKey] = Blank(To),
        [ActorKey] = Blank(Actor),
        [ActionKey] = Blank(Action),
    };

    /// <summary>"?from=…&amp;action=…" for the filters that are set, or "".</summary>
    public string ToQueryString()
    {
        var pairs = ToQueryParameters().Where(p => p.Value is string).Select(p => $"{p.Key}={Uri.EscapeDataString((string)p.Value!)}").ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateTimeOffset? Instant(string? text, string field, bool endOfDay, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1) : start;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }

        errors.Add(new(field, "Give a date (2026-12-07) or an ISO 8601 instant (2026-12-07T14:30:00Z)."));
        return null;
    }
}
