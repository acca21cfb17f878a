namespace Portal.Domain.Library;

/// <summary>One resource of a concrete hardware configuration: a fixed amount, no more choice left.</summary>
public sealed record ConcreteResource(ResourceType Type, Quantity Amount, DiskBus? Bus = null, string? Network = null);
