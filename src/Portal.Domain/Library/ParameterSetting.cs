namespace Portal.Domain.Library;

/// <summary>A parameter's value in one deployment. A secret's text sits in <see cref="Secret"/> only.</summary>
public sealed record ParameterSetting(string Name, ParameterType Type, string? Value, SecretValue? Secret)
{
    public bool IsSecret => Secret is not null;

    /// <summary>What may be shown or logged: the value, or the mask for a secret.</summary>
    public string Display => Secret is null ? Value ?? "" : SecretValue.Mask;
}
