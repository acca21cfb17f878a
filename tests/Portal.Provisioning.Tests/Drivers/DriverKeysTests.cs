using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Drivers;

namespace Portal.Provisioning.Tests.Drivers;

/// <summary>
/// The drivers' idempotency records as several nodes share them: a key acts once, any node answers what happened
/// to it, a dead attempt is taken over, a failed one acts again.
/// </summary>
public sealed class DriverKeysTests : IDisposable
{
    private readonly KeyRecords records = new();
    private int acts;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => records.Dispose();

    private Func<DriverKeyRecord?, CancellationToken, Task<(string Result, string Detail)>> Act(string result, TimeSpan? takes = null) =>
        async (_, cancellationToken) =>
        {
            Interlocked.Increment(ref acts);
            if (takes is { } time)
            {
                await Task.Delay(time, cancellationToken);
            }

            return (result, $"acted: {result}");
        };

    [Fact]
    public async Task A_key_done_on_one_node_is_answered_from_its_record_on_another_without_acting()
    {
        var other = records.Node("node-b").GetRequiredService<DriverKeys>();

        var first = await records.Keys.OnceAsync(DriverNames.Kvm, "Create", "k1", "vm-01", new { Cpus = 2 }, Act("first"), Token);
        var again = await other.OnceAsync(DriverNames.Kvm, "Create", "k1", "vm-01", new { Cpus = 2 }, Act("second"), Token);

        Assert.Equal(("first", "first", 1), (first, again, acts));
        var record = Assert.Single(await records.ListAsync(DriverNames.Kvm, Token));
        Assert.Equal((DriverKeyState.Done, "node-a", "vm-01", 1), (record.State, record.Node, record.Machine, record.Attempts));
        Assert.Contains("\"cpus\":2", record.Request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_nodes_racing_on_one_key_act_once_and_both_return_that_result()
    {
        var other = records.Node("node-b").GetRequiredService<DriverKeys>();

        var results = await Task.WhenAll(
            records.Keys.OnceAsync(DriverNames.BareMetal, "WriteImage", "k2", "r640-01", null, Act("from a", TimeSpan.FromMilliseconds(300)), Token),
            other.OnceAsync(DriverNames.BareMetal, "WriteImage", "k2", "r640-01", null, Act("from b", TimeSpan.FromMilliseconds(300)), Token));

        Assert.Equal(1, acts);
        Assert.Equal(results[0], results[1]);
    }

    [Fact]
    public async Task An_attempt_whose_node_died_is_taken_over_once_its_claim_runs_out_and_the_driver_is_told_of_it()
    {
        using var dead = records.Node("node-dead");
        var dying = new DriverKeys(dead.GetRequiredService<IServiceScopeFactory>(), new DriverNode("node-dead"), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DriverKeys>.Instance) { ClaimDuration = TimeSpan.FromMilliseconds(600) };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var started = new TaskCompletionSource();
        var hanging = dying.OnceAsync<string>(DriverNames.Kvm, "WriteImage", "k3", "vm-03", null, async (_, cancellationToken) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return ("never", "never");
        }, stop.Token);
        await started.Task.WaitAsync(Token);
        // The node dies: its step stops and nothing renews or ends its claim.
        await dead.DisposeAsync();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => hanging);

        DriverKeyRecord? told = null;
        var result = await records.Node("node-b").GetRequiredService<DriverKeys>().OnceAsync(DriverNames.Kvm, "WriteImage", "k3", "vm-03", null,
            (earlier, _) =>
            {
                told = earlier;
                return Task.FromResult(("taken over", "wrote the disk again, whole"));
            }, Token);

        Assert.Equal("taken over", result);
        Assert.Equal("node-dead", told?.Node);
        var record = Assert.Single(await records.ListAsync(DriverNames.Kvm, Token));
        Assert.Equal((DriverKeyState.Done, "node-b", 2), (record.State, record.Node, record.Attempts));
    }

    [Fact]
    public async Task A_failed_attempt_acts_again_on_the_next_delivery_and_its_failure_is_recorded_until_then()
    {
        await Assert.ThrowsAsync<DriverException>(() => records.Keys.OnceAsync<string>(DriverNames.BareMetal, "Power", "k4", "r640-02", null,
            (_, _) => throw new DriverException("the BMC refused"), Token));
        var failed = Assert.Single(await records.ListAsync(DriverNames.BareMetal, Token));

        var result = await records.Keys.OnceAsync(DriverNames.BareMetal, "Power", "k4", "r640-02", null, Act("on"), Token);

        Assert.Equal((DriverKeyState.Failed, "the BMC refused"), (failed.State, failed.Detail));
        Assert.Equal(("on", 1), (result, acts));
        Assert.Equal((DriverKeyState.Done, 2), (await records.ListAsync(DriverNames.BareMetal, Token)) is [var done] ? (done.State, done.Attempts) : default);
    }
}
