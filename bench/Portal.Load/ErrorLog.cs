using System.Collections.Concurrent;

namespace Portal.Load;

/// <summary>Every error of the run (a non-2xx answer, a timeout, a workflow that failed or never finished), counted per kind; the first few kept whole.</summary>
public sealed class ErrorLog
{
    public const int Kept = 5;

    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> first = new();
    private int total;

    public int Total => Volatile.Read(ref total);

    public IReadOnlyDictionary<string, int> Counts => counts;

    public IEnumerable<string> First => first;

    /// <param name="kind">What failed, e.g. "submit 500" or "submit timeout".</param>
    /// <param name="detail">The answer's body or the exception's message.</param>
    public void Record(string kind, string detail)
    {
        counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
        if (Interlocked.Increment(ref total) <= Kept)
        {
            first.Enqueue($"{kind}: {(detail.Length > 2000 ? detail[..2000] + "…" : detail)}");
        }
    }
}
