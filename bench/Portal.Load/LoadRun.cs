using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Portal.Load;

/// <summary>
/// The measured part: requester clients submit in a closed loop (each waits for its answer, then submits again),
/// approver clients approve what was submitted in a closed loop, and a watcher polls one approved request in
/// <see cref="LoadOptions.WatchEvery"/> until it is Completed (its server running) for the approval-to-running time;
/// whether every request got there is counted through the request list's totals, which costs a call, not one per request. Latencies count calls that started inside the window (after the warm-up, before
/// the end); after the end the approvers drain what was submitted and the watcher waits for the rest, so every
/// submitted request is approved and seen running (or counted as an error).
/// </summary>
public sealed class LoadRun(LoadOptions options, IReadOnlyList<LoadApi> apis, LoadPeople people, IReadOnlyList<PortalNode> nodes)
{
    private const double PollSeconds = 0.5;

    private readonly Stopwatch clock = new();
    private readonly Channel<SubmittedRequest> submitted = Channel.CreateUnbounded<SubmittedRequest>();
    // Polled in order: each poll puts the request back half a second later, so the queue stays ordered by NextPoll.
    private readonly ConcurrentQueue<ApprovedRequest> approved = new();
    private long outstanding;
    private long watchCount;
    private long submissions;
    private long submissionsInWindow;
    private long approvals;
    private long approvalsInWindow;
    private long completed;

    public ErrorLog Errors { get; } = new();

    public Latencies Submit { get; } = new();

    public Latencies Approve { get; } = new();

    /// <summary>Approval to running server, from the request's own times (the decision's and the completed request's).</summary>
    public Latencies ToRunning { get; } = new();

    /// <summary>Approval to running server as the watcher saw it (its answer to the approval to the poll that saw Completed).</summary>
    public Latencies ToRunningPolled { get; } = new();

    public List<MemorySample> Samples { get; } = [];

    public long Submissions => Interlocked.Read(ref submissions);

    public long SubmissionsInWindow => Interlocked.Read(ref submissionsInWindow);

    public long Approvals => Interlocked.Read(ref approvals);

    public long ApprovalsInWindow => Interlocked.Read(ref approvalsInWindow);

    public long Completed => Interlocked.Read(ref completed);

    /// <summary>Submitted but not yet approved when the window closed.</summary>
    public long BacklogAtEnd { get; private set; }

    public TimeSpan DrainTook { get; private set; }

    public string MetricsNote { get; private set; } = "metrics: not read";

    public PrometheusText? FinalMetrics { get; private set; }

    /// <summary>Cores busy over the window (from the warm-up's end to the clients' stop), per node and for the rest; null when the window was never reached.</summary>
    public CpuUse? Cpu { get; private set; }

    private double Now => clock.Elapsed.TotalSeconds;

    private double WindowStart => options.Warmup.TotalSeconds;

    private double WindowEnd => options.Duration.TotalSeconds;

    private bool InWindow(double at) => at >= WindowStart && at < WindowEnd;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        clock.Start();
        using var stopWatcher = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopSampler = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = SampleLoopAsync(stopSampler.Token);
        var watchers = Enumerable.Range(0, 2 * apis.Count).Select(i => WatchAsync(apis[i % apis.Count], stopWatcher.Token)).ToList();
        var approvers = Enumerable.Range(0, options.Approvers).Select(i => ApproveLoopAsync(i, cancellationToken)).ToList();
        var requesters = Enumerable.Range(0, options.Clients).Select(i => SubmitLoopAsync(i, cancellationToken)).ToList();
        var cpu = CpuWindowAsync(cancellationToken);

        await Task.WhenAll(requesters);
        Cpu = await cpu;
        BacklogAtEnd = submitted.Reader.Count;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{Now,6:0.0} s] clients stopped: {Submissions} submitted, {Approvals} approved, {Completed} running; draining"));
        submitted.Writer.Complete();
        await Task.WhenAll(approvers);

        var drainStart = Now;
        var totals = await TotalsAsync(cancellationToken);
        while ((totals.Completed + totals.Ended < Approvals || Interlocked.Read(ref outstanding) > 0)
               && Now - drainStart < options.Drain.TotalSeconds && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(1000, cancellationToken);
            totals = await TotalsAsync(cancellationToken);
        }

        DrainTook = TimeSpan.FromSeconds(Now - drainStart);
        await stopWatcher.CancelAsync();
        await Task.WhenAll(watchers);
        Volatile.Write(ref completed, totals.Completed);
        foreach (var status in new[] { "Failed", "Rejected", "Cancelled" })
        {
            await RecordRequestsAsync(status, $"request {status}", cancellationToken);
        }

        foreach (var status in new[] { "Approved", "Provisioning" })
        {
            await RecordRequestsAsync(status, "not running after the drain", cancellationToken);
        }

        await stopSampler.CancelAsync();
        await sampler;
        await SampleAsync(CancellationToken.None);
    }

    private async Task<CpuUse?> CpuWindowAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, WindowStart - Now)), cancellationToken);
            var first = CpuTimes.Read(Now, nodes);
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, WindowEnd - Now)), cancellationToken);
            return CpuTimes.Between(first, CpuTimes.Read(Now, nodes));
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private async Task SubmitLoopAsync(int client, CancellationToken cancellationToken)
    {
        var api = apis[client % apis.Count];
        var token = people.Requesters[client];
        for (var n = 1; Now < WindowEnd && !cancellationToken.IsCancellationRequested; n++)
        {
            var startedAt = Now;
            var answer = await api.SubmitAsync(token, $"ld-c{client:000}-{n:000000}", cancellationToken);
            if (!answer.IsSuccess)
            {
                Errors.Record($"submit {answer.Kind}", answer.Body);
                continue;
            }

            Interlocked.Increment(ref submissions);
            if (InWindow(startedAt))
            {
                Interlocked.Increment(ref submissionsInWindow);
                Submit.Add(answer.Milliseconds);
            }

            var request = answer.Json();
            var taskId = request["waitingFor"]?.AsArray().FirstOrDefault()?["taskId"]?.GetValue<string>();
            await submitted.Writer.WriteAsync(new SubmittedRequest(Guid.Parse((string)request["id"]!), taskId), cancellationToken);
        }
    }

    private async Task ApproveLoopAsync(int approver, CancellationToken cancellationToken)
    {
        var api = apis[approver % apis.Count];
        var token = people.Approvers[approver];
        await foreach (var request in submitted.Reader.ReadAllAsync(cancellationToken))
        {
            var taskId = request.TaskId ?? await WaitingTaskAsync(api, token, request.Id, cancellationToken);
            if (taskId is null)
            {
                continue;
            }

            var startedAt = Now;
            var answer = await api.ApproveAsync(token, taskId, cancellationToken);
            if (!answer.IsSuccess)
            {
                Errors.Record($"approve {answer.Kind}", answer.Body);
                continue;
            }

            Interlocked.Increment(ref approvals);
            var inWindow = InWindow(startedAt);
            if (inWindow)
            {
                Interlocked.Increment(ref approvalsInWindow);
                Approve.Add(answer.Milliseconds);
            }

            if (Interlocked.Increment(ref watchCount) % options.WatchEvery == 0)
            {
                Interlocked.Increment(ref outstanding);
                approved.Enqueue(new ApprovedRequest(request.Id, Now, inWindow) { NextPoll = Now + PollSeconds });
            }
        }
    }

    /// <summary>When the submission's answer did not name the approval task yet: read the request until it does.</summary>
    private async Task<string?> WaitingTaskAsync(LoadApi api, string token, Guid id, CancellationToken cancellationToken)
    {
        var deadline = Now + options.Timeout.TotalSeconds;
        while (Now < deadline)
        {
            var answer = await api.RequestAsync(token, id, cancellationToken);
            if (!answer.IsSuccess)
            {
                Errors.Record($"read request {answer.Kind}", answer.Body);
                return null;
            }

            if (answer.Json()["waitingFor"]?.AsArray().FirstOrDefault()?["taskId"]?.GetValue<string>() is { } taskId)
            {
                return taskId;
            }

            await Task.Delay(50, cancellationToken);
        }

        Errors.Record("no approval task", $"request {id} waited for no approval within {options.Timeout.TotalSeconds:0} s");
        return null;
    }

    /// <summary>Polls approved requests (each at most every half second) until they are Completed or end otherwise.</summary>
    private async Task WatchAsync(LoadApi api, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!approved.TryDequeue(out var due))
            {
                await PauseAsync(0.05, cancellationToken);
                continue;
            }

            if (due.NextPoll > Now && !await PauseAsync(due.NextPoll - Now, cancellationToken))
            {
                approved.Enqueue(due);
                return;
            }

            var answer = await api.RequestAsync(people.Admin, due.Id, CancellationToken.None);
            var seenAt = Now;
            if (!answer.IsSuccess)
            {
                Errors.Record($"read request {answer.Kind}", answer.Body);
                Interlocked.Decrement(ref outstanding);
                continue;
            }

            var request = answer.Json();
            switch ((string?)request["status"])
            {
                case "Completed":
                    Interlocked.Decrement(ref outstanding);
                    if (due.InWindow)
                    {
                        ToRunningPolled.Add((seenAt - due.ApprovedAt) * 1000);
                        if (ServerSideMilliseconds(request) is { } ms)
                        {
                            ToRunning.Add(ms);
                        }
                    }

                    break;
                case "Failed" or "Rejected" or "Cancelled":
                    // Counted with the totals after the drain.
                    Interlocked.Decrement(ref outstanding);
                    break;
                default:
                    due.NextPoll = Now + PollSeconds;
                    approved.Enqueue(due);
                    break;
            }
        }
    }

    /// <summary>Waits; false when the run stopped waiting for the watcher.</summary>
    private static async Task<bool> PauseAsync(double seconds, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>How many requests are Completed, and how many ended otherwise (Failed, Rejected, Cancelled), from the list's totals.</summary>
    private async Task<(long Completed, long Ended)> TotalsAsync(CancellationToken cancellationToken)
    {
        var done = await CountAsync("Completed", cancellationToken);
        var ended = await CountAsync("Failed", cancellationToken) + await CountAsync("Rejected", cancellationToken)
            + await CountAsync("Cancelled", cancellationToken);
        Volatile.Write(ref completed, done);
        return (done, ended);
    }

    private async Task<long> CountAsync(string status, CancellationToken cancellationToken)
    {
        var answer = await apis[0].SendAsync(HttpMethod.Get, $"/api/requests?status={status}&take=1", people.Admin, null, cancellationToken);
        if (!answer.IsSuccess)
        {
            Errors.Record($"count requests {answer.Kind}", answer.Body);
            return 0;
        }

        return answer.Json()["total"]!.GetValue<long>();
    }

    /// <summary>Records every request in <paramref name="status"/> as an error, the first few with their summaries.</summary>
    private async Task RecordRequestsAsync(string status, string kind, CancellationToken cancellationToken)
    {
        var count = await CountAsync(status, cancellationToken);
        if (count == 0)
        {
            return;
        }

        var answer = await apis[0].SendAsync(HttpMethod.Get, $"/api/requests?status={status}&take={ErrorLog.Kept}", people.Admin, null, cancellationToken);
        var examples = answer.IsSuccess ? answer.Json()["items"]!.AsArray().Select(i => i!.ToJsonString()).ToList() : [answer.Body];
        for (var i = 0; i < count; i++)
        {
            Errors.Record(kind, i < examples.Count ? examples[i] : "");
        }
    }

    /// <summary>From the approval (the decision's time) to completion (the completed request's last update), by the portal's clock.</summary>
    private static double? ServerSideMilliseconds(JsonObject request)
    {
        var decided = request["decisions"]?.AsArray().Select(d => d?["at"]?.GetValue<DateTimeOffset>()).Max();
        var updated = request["updatedAt"]?.GetValue<DateTimeOffset>();
        return decided is { } d && updated is { } u ? (u - d).TotalMilliseconds : null;
    }

    private async Task SampleLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await SampleAsync(cancellationToken);
                await Task.Delay(options.Sample, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        var at = Now;
        var done = await CountAsync("Completed", cancellationToken);
        Volatile.Write(ref completed, done);
        var memory = new List<NodeMemory>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var rss = nodes[i].ResidentBytes();
            double? heap = null;
            var answer = await apis[i].MetricsAsync(people.Admin, cancellationToken);
            if (answer.IsSuccess)
            {
                var metrics = new PrometheusText(answer.Body);
                heap = metrics.First("dotnet_gc_last_collection_heap_size_bytes", "process_runtime_dotnet_gc_heap_size_bytes")?.Value;
                MetricsNote = "metrics: read from /metrics";
                FinalMetrics = i == 0 ? metrics : FinalMetrics;
            }
            else if (FinalMetrics is null)
            {
                MetricsNote = $"metrics: not available ({answer.Kind})";
            }

            memory.Add(new NodeMemory(nodes[i].Number, rss, heap));
        }

        lock (Samples)
        {
            Samples.Add(new MemorySample(at, done, memory));
        }

        var perNode = string.Join(", ", memory.Select(m =>
            $"node {m.Node} {Mb(m.WorkingSet)} MB RSS" + (m.GcHeap is { } h ? string.Create(CultureInfo.InvariantCulture, $", heap {h / 1048576:0} MB") : "")));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{at,6:0.0} s] submitted {Submissions}, approved {Approvals}, running {Completed}, errors {Errors.Total}; {perNode}"));
    }

    private static string Mb(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("0", CultureInfo.InvariantCulture) : "?";
}
