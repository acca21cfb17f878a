namespace Portal.Web.Tests.Chaos;

/// <summary>
/// A step the simulated datacenter was asked again under a key it had already acted on (it answered with the first
/// result and did nothing): when and by which node, and when and by which node the key's first act was done.
/// </summary>
public sealed record Redelivery(string Step, string Machine, string Key, string Node, DateTimeOffset At, string? FirstNode, DateTimeOffset? FirstAt)
{
    public override string ToString() =>
        $"{Step} on {Machine} re-delivered by {Node} at {At:HH:mm:ss.fff}, first done by {FirstNode ?? "nobody"} at {FirstAt:HH:mm:ss.fff}";
}
