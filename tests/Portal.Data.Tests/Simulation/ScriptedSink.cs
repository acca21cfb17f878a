using System.Collections.Concurrent;
using Portal.Provisioning.Deployments;

namespace Portal.Data.Tests.Simulation;

/// <summary>
/// The portal's callback endpoint as a simulated image writer meets it: it answers from a script — an outage (an
/// exception), "not waiting yet", then whatever comes last, for good — and remembers every call.
/// </summary>
public sealed class ScriptedSink(params CallbackReceiptKind?[] script) : IDeploymentCallbackSink
{
    private readonly ConcurrentQueue<CallbackReceiptKind?> answers = new(script);

    public ConcurrentQueue<(Guid DeploymentId, DeploymentCallback Callback, DateTimeOffset At)> Calls { get; } = new();

    /// <summary>What the sink answers once the script has run out.</summary>
    public CallbackReceiptKind Finally { get; init; } = CallbackReceiptKind.Resumed;

    public Task<CallbackReceipt> DeliverAsync(Guid deploymentId, DeploymentCallback callback, CancellationToken cancellationToken)
    {
        Calls.Enqueue((deploymentId, callback, DateTimeOffset.UtcNow));
        var answer = answers.TryDequeue(out var next) ? next : Finally;
        return answer is { } kind
            ? Task.FromResult(new CallbackReceipt(kind, callback, kind.ToString()))
            : throw new HttpRequestException("The portal did not answer (simulated outage).");
    }
}
