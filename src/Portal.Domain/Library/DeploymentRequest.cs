namespace Portal.Domain.Library;

/// <summary>What a deployment asks for: sizes within the template, parameter values, and whether a draft may go.</summary>
public sealed record DeploymentRequest
{
    /// <summary>Chosen quantities per resource type, in the template's unit for that type.</summary>
    public IReadOnlyDictionary<ResourceType, decimal> Hardware { get; init; } = new Dictionary<ResourceType, decimal>();

    public IReadOnlyDictionary<string, string?> Parameters { get; init; } = new Dictionary<string, string?>();

    /// <summary>Admins deploy drafts (a fresh capture, a migration); requesters only published images.</summary>
    public bool AllowUnpublished { get; init; }

    /// <summary>Parameter names only: the values include secrets, and a record would print them.</summary>
    public override string ToString() => $"DeploymentRequest {{ Parameters = [{string.Join(", ", Parameters.Keys)}], AllowUnpublished = {AllowUnpublished} }}";
}
