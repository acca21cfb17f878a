namespace Portal.Web.Workflows;

/// <summary>What a draft save or a publish answers: which definition, which version, published or not.</summary>
public sealed record StoredDefinitionRef(string Id, int Version, bool Published);
