using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Provisioning.Drivers;

/// <summary>
/// Runs a driver's step once per idempotency key, across nodes and crashes, on the shared key records: a key already
/// done returns its recorded result without acting; a key another node acts on is waited for; a key whose attempt
/// died (its claim ran out, or it was this process's and is gone) is taken over, and the driver is told so it can
/// look at what the earlier attempt left. The claim is renewed while the step runs, so a long write keeps its key.
/// What this cannot know is whether an attempt that died after acting but before recording acted: a takeover acts
/// again, and then the guarantee rests on the driver's own idempotence (libvirt's define by a UUID derived from the
/// key, a disk written again whole, a boot request sent again).
/// </summary>
public sealed partial class DriverKeys(IServiceScopeFactory scopes, DriverNode node, TimeProvider clock, ILogger<DriverKeys> logger)
{
    private static readonly TimeSpan BusyPoll = TimeSpan.FromMilliseconds(250);

    // Attempts running in this process, by record; an owner of this node not in here is gone (its step threw, or the
    // engine gave the work up), so its key can be taken over at once instead of after its claim.
    private readonly ConcurrentDictionary<string, string> acting = new(StringComparer.Ordinal);

    // Results acted on but not yet recorded (the database failed at that moment): a re-run here records them instead
    // of acting again.
    private readonly ConcurrentDictionary<string, (string Owner, string Result, string Detail)> unrecorded = new(StringComparer.Ordinal);

    /// <summary>How long a claim lasts without renewal: the time a dead node's key waits before another node takes it over.</summary>
    public TimeSpan ClaimDuration { get; init; } = TimeSpan.FromSeconds(30);

    public string Node => node.Name;

    /// <summary>
    /// Acts once for <paramref name="key"/>: <paramref name="act"/> is given the earlier attempt's record when it
    /// takes over one that died (null on a first attempt) and returns the result with a sentence saying what it did.
    /// </summary>
    public async Task<T> OnceAsync<T>(
        string driver, string step, string key, string machine, object? request,
        Func<DriverKeyRecord?, CancellationToken, Task<(T Result, string Detail)>> act, CancellationToken cancellationToken)
    {
        var id = $"{driver}|{step}|{key}";
        var owner = $"{node.Name}#{Guid.NewGuid():N}";
        DriverKeyRecord? earlier;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IDriverKeyStore>();
            earlier = await store.FindAsync(driver, step, key, cancellationToken);
            if (earlier is { State: DriverKeyState.Done })
            {
                LogRedelivered(driver, step, key, earlier.Node);
                return DriverJson.Read<T>(earlier.Result);
            }

            var gone = earlier is { State: DriverKeyState.Acting, Owner: { } holder } && IsGoneHere(holder) ? holder : null;
            if (gone is not null && unrecorded.TryRemove(id, out var done) && done.Owner == gone)
            {
                // This process acted and could not record it: record it now, do not act again.
                if (await store.CompleteAsync(driver, step, key, gone, done.Result, done.Detail, clock.GetUtcNow(), cancellationToken))
                {
                    return DriverJson.Read<T>(done.Result);
                }
            }

            var now = clock.GetUtcNow();
            var taken = await store.BeginAsync(new DriverKeyRecord
            {
                Driver = driver, Step = step, Key = key, Machine = machine, Node = node.Name,
                Request = request is null ? null : DriverJson.WriteRequest(request), StartedAt = now,
            }, owner, now, now + ClaimDuration, gone, cancellationToken);
            if (taken.State == DriverKeyState.Done)
            {
                LogRedelivered(driver, step, key, taken.Node);
                return DriverJson.Read<T>(taken.Result);
            }

            if (taken.Owner == owner)
            {
                break;
            }

            // Another node acts on this key right now: wait for its result (or for its claim to run out).
            var wait = taken.ClaimedUntil is { } until ? until - clock.GetUtcNow() : BusyPoll;
            await Task.Delay(wait < BusyPoll ? (wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(10)) : BusyPoll, clock, cancellationToken);
        }

        acting[id] = owner;
        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewAsync(driver, step, key, owner, heartbeat.Token);
        try
        {
            var takenOver = earlier is { Attempts: > 0 } ? earlier : null;
            if (takenOver is not null)
            {
                LogTakeover(driver, step, key, takenOver.Node, takenOver.State);
            }

            var (result, detail) = await act(takenOver, cancellationToken);
            var json = DriverJson.Write(result);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IDriverKeyStore>()
                    .CompleteAsync(driver, step, key, owner, json, detail, clock.GetUtcNow(), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Done but not recorded: keep it here so a re-run on this node records it rather than acting again.
                unrecorded[id] = (owner, json, detail);
                LogNotRecorded(e, driver, step, key);
                throw new DriverException($"{step} on {machine} was done, but the portal database could not record it: {e.Message}", e);
            }

            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException && !unrecorded.ContainsKey(id))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IDriverKeyStore>().FailAsync(driver, step, key, owner, e.Message, clock.GetUtcNow(), CancellationToken.None);
            }
            catch (Exception recording) when (recording is not OperationCanceledException)
            {
                // The claim runs out by itself; the next delivery takes the key over.
                LogNotRecorded(recording, driver, step, key);
            }

            throw;
        }
        finally
        {
            acting.TryRemove(id, out _);
            await heartbeat.CancelAsync();
            await renewing;
        }
    }

    private bool IsGoneHere(string owner) =>
        owner.StartsWith(node.Name + "#", StringComparison.Ordinal) && !acting.Values.Contains(owner, StringComparer.Ordinal);

    private async Task RenewAsync(string driver, string step, string key, string owner, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ClaimDuration / 3, clock, cancellationToken);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<IDriverKeyStore>()
                        .RenewAsync(driver, step, key, owner, clock.GetUtcNow() + ClaimDuration, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogNotRenewed(e, driver, step, key);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The step ended.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Driver} {Step} {Key}: done already by {Node}, the recorded result is returned")]
    private partial void LogRedelivered(string driver, string step, string key, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Driver} {Step} {Key}: taking over from {Node}, whose attempt ended {State} without a result")]
    private partial void LogTakeover(string driver, string step, string key, string node, DriverKeyState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Driver} {Step} {Key}: the key record could not be written")]
    private partial void LogNotRecorded(Exception exception, string driver, string step, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Driver} {Step} {Key}: the claim could not be renewed")]
    private partial void LogNotRenewed(Exception exception, string driver, string step, string key);
}
