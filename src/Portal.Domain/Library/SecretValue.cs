namespace Portal.Domain.Library;

/// <summary>
/// A secret parameter value. Its text is reachable only through <see cref="Reveal"/>, which the code that
/// writes the deployment's configuration artifact calls; everything else (logs, JSON, pages) sees the mask.
/// </summary>
public sealed class SecretValue(string value)
{
    public const string Mask = "••••••";

    public string Reveal() => value;

    public override string ToString() => Mask;
}
