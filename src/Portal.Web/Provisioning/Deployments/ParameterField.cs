using Portal.Domain.Library;

namespace Portal.Web.Provisioning.Deployments;

/// <summary>One software parameter a deployment fills in; a non-secret one starts with its default, a secret one empty.</summary>
public sealed class ParameterField(ConfigurationParameter parameter)
{
    public string Name => parameter.Name;

    /// <summary>The field's caption: the parameter's label, or its name as words; never the bare name.</summary>
    public string Label => parameter.DisplayLabel;

    /// <summary>The key a refusal names this parameter by: <c>parameters.hostname</c>.</summary>
    public string Key => $"parameters.{Name}";

    public bool IsSecret => parameter.IsSecret;

    public bool Required => parameter.Required;

    public ParameterType Type => parameter.Type;

    /// <summary>The help under the field: the description, then whether it is required and what form it takes ("… · required · host name").</summary>
    public string Help => string.Join(" · ", new[]
    {
        parameter.Description,
        parameter.Required ? "required" : "optional",
        parameter.Type switch
        {
            ParameterType.Hostname => "host name",
            ParameterType.Ip => "IP address",
            ParameterType.Int => "whole number",
            ParameterType.Bool => "true or false",
            ParameterType.Secret => "secret: never shown again",
            _ => null,
        },
    }.Where(part => !string.IsNullOrWhiteSpace(part)));

    public string? Value { get; set; } = parameter.IsSecret ? null : parameter.Default;

    /// <summary>The parameter as the image defines it: its type, default, pattern and whether the portal may generate it.</summary>
    public ConfigurationParameter Definition => parameter;
}
