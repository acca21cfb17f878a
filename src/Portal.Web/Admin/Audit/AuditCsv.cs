using System.Globalization;
using CsvHelper;
using Portal.Domain.Audit;

namespace Portal.Web.Admin.Audit;

/// <summary>
/// The audit log as CSV (RFC 4180, UTF-8, CRLF). Every text that a spreadsheet would take for a formula — starting with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a CR, as OWASP lists them — is written with a leading <c>'</c>
/// (and quoted), so a user or server named <c>=HYPERLINK(…)</c> is shown as text, never run.
/// </summary>
public static class AuditCsv
{
    public static readonly IReadOnlyList<string> Header =
        ["Time (UTC)", "Actor", "Actor name", "Actor user id", "Address", "User agent", "Action", "Target type", "Target id", "Target", "Detail"];

    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    public static async Task WriteAsync(Stream destination, IAsyncEnumerable<AuditEvent> events, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        foreach (var title in Header)
        {
            csv.WriteField(title);
        }

        await csv.EndRecordAsync(cancellationToken);
        await foreach (var audit in events.WithCancellation(cancellationToken))
        {
            csv.WriteField(audit.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            csv.WriteField(audit.Actor.Name);
            csv.WriteField(audit.Actor.DisplayName);
            csv.WriteField(audit.Actor.UserId);
            csv.WriteField(audit.Actor.Address);
            csv.WriteField(audit.Actor.UserAgent);
            csv.WriteField(audit.Action.ToString());
            csv.WriteField(audit.Target.Type);
            csv.WriteField(audit.Target.Id);
            csv.WriteField(audit.Target.Name);
            csv.WriteField(audit.Detail);
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
