namespace Portal.Web.Tests.Chaos;

/// <summary>The chaos tests run one at a time: each starts portal processes (and one a database) of its own, and they time recovery.</summary>
[CollectionDefinition(nameof(ChaosCollection), DisableParallelization = true)]
public sealed class ChaosCollection;
