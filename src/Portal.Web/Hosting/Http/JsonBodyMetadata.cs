namespace Portal.Web.Hosting.Http;

/// <summary>Marks an endpoint whose JSON body <see cref="JsonBody"/> checks, so tests can list every such endpoint.</summary>
public sealed record JsonBodyMetadata(bool Optional);
