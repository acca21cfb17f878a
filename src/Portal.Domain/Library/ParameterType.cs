namespace Portal.Domain.Library;

/// <summary>The type of a configuration parameter, which decides how its value is checked.</summary>
public enum ParameterType
{
    String,
    Int,
    Bool,
    Ip,
    Hostname,
    Secret,
}
