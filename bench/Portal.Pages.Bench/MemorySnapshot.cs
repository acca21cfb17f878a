using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Pages.Bench;

/// <summary>
/// The portal's memory seen from outside: its resident set from /proc/&lt;pid&gt;/status and, when the portal's /metrics
/// (Prometheus text, admin only) publishes the .NET runtime's GC heap size, that too. No GC is forced in the portal
/// (it has no endpoint for it): the resident set includes heap the server GC has not collected yet.
/// </summary>
public sealed partial record MemorySnapshot(long ResidentBytes, long? GcHeapBytes, string MetricsNote)
{
    public static async Task<MemorySnapshot> TakeAsync(int processId, HttpClient http)
    {
        var status = await File.ReadAllTextAsync($"/proc/{processId}/status");
        var rss = VmRss().Match(status) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1024 : -1;
        long? heap = null;
        string note;
        try
        {
            using var answer = await http.GetAsync("/metrics");
            if (answer.StatusCode != HttpStatusCode.OK)
            {
                note = $"metrics: not available ({(int)answer.StatusCode})";
            }
            else
            {
                var text = await answer.Content.ReadAsStringAsync();
                // One line per generation (gen0, gen1, gen2, loh, poh): the heap is their sum.
                var generations = GcHeap().Matches(text).Select(x => double.Parse(x.Groups[2].Value, CultureInfo.InvariantCulture)).ToList();
                heap = generations.Count == 0 ? null : (long)generations.Sum();
                note = heap is null ? "metrics: no GC heap size published" : "metrics: GC heap size read from /metrics";
            }
        }
        catch (HttpRequestException e)
        {
            note = $"metrics: not available ({e.Message})";
        }

        return new MemorySnapshot(rss, heap, note);
    }

    [GeneratedRegex(@"VmRSS:\s+(\d+) kB")]
    private static partial Regex VmRss();

    // The runtime instrumentation's names differ by version: dotnet_gc_heap_total_allocated is not it; the heap size is.
    [GeneratedRegex(@"^(process_runtime_dotnet_gc_heap_size_bytes|dotnet_gc_last_collection_heap_size_bytes)(?:\{[^}]*\})?\s+([0-9.eE+]+)", RegexOptions.Multiline)]
    private static partial Regex GcHeap();
}
