namespace Portal.Web.Tests.Chaos;

/// <summary>
/// A workflow instance held under a live lease: a node is in the middle of one of its steps (a lease is taken for a
/// step and cleared by the step's commit). <see cref="Machine"/> is its deployment's machine, once allocated.
/// </summary>
public sealed record InFlightStep(string InstanceId, string Owner, string? Machine);
