namespace Portal.Domain.Library;

/// <summary>The software side of one deployment: the OS and every parameter's value.</summary>
public sealed record SoftwareConfiguration(OsFamily Family, string OsLabel, IReadOnlyList<ParameterSetting> Settings)
{
    public ParameterSetting? this[string name] =>
        Settings.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
