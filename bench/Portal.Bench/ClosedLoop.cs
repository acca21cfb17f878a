using System.Diagnostics;

namespace Portal.Bench;

/// <summary>
/// The one loop both engines are driven by, in every scenario: C callers, as C concurrent HTTP requests; each takes
/// the next item, starts (or resumes) an instance and waits until that instance is complete, then takes another.
/// It stops taking items after <c>max</c> items or once the time limit has passed (items taken always finish).
/// Latency is from the call to the instance's completion stamp; throughput is items ÷ (last completion − first call).
/// </summary>
public static class ClosedLoop
{
    /// <param name="call">Runs item k on caller <c>lane</c>; returns the <see cref="Stopwatch"/> timestamp of its completion.</param>
    public static async Task<LoopResult> RunAsync(int callers, int max, TimeSpan limit, Func<int, int, Task<long>> call)
    {
        var latencies = new double[max];
        var next = -1;
        var done = 0;
        var first = Stopwatch.GetTimestamp();
        var last = first;
        var deadline = first + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, callers).Select(lane => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var k = Interlocked.Increment(ref next);
                if (k >= max)
                {
                    return;
                }

                var sent = Stopwatch.GetTimestamp();
                var completed = await call(lane, k);
                latencies[k] = Stopwatch.GetElapsedTime(sent, completed).TotalMilliseconds;
                Interlocked.Increment(ref done);
                for (var seen = Volatile.Read(ref last); completed > seen; seen = Volatile.Read(ref last))
                {
                    if (Interlocked.CompareExchange(ref last, completed, seen) == seen)
                    {
                        break;
                    }
                }
            }
        })));

        // Items are taken in order and every item taken finishes: the first `done` slots are filled.
        return new LoopResult(done, Stopwatch.GetElapsedTime(first, last), latencies[..done]);
    }
}
