using Portal.Domain.Validation;

namespace Portal.Domain.Library;

/// <summary>
/// The operating system and software inside an image, and the parameters each deployment fills in so that
/// every server it yields is distinct (hostname, IP, credentials…).
/// </summary>
public sealed record SoftwareStack
{
    public required OsFamily Family { get; init; }

    /// <summary>"Ubuntu", "Red Hat Enterprise Linux", "Windows Server".</summary>
    public required string Distribution { get; init; }

    public required string Version { get; init; }

    public CpuArchitecture Architecture { get; init; } = CpuArchitecture.X86_64;

    public IReadOnlyList<SoftwareComponent> Components { get; init; } = [];

    public IReadOnlyList<ConfigurationParameter> Parameters { get; init; } = [];

    public string OsLabel => $"{Distribution} {Version}";

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(Distribution))
        {
            errors.Add(new ValidationError("software.distribution", "Name the distribution."));
        }

        if (string.IsNullOrWhiteSpace(Version))
        {
            errors.Add(new ValidationError("software.version", "Give the OS version."));
        }

        for (var i = 0; i < Parameters.Count; i++)
        {
            errors.AddRange(Parameters[i].ValidateDefinition($"software.parameters[{i}]"));
        }

        foreach (var duplicate in Parameters.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add(new ValidationError("software.parameters", $"The parameter {duplicate.Key} is defined more than once."));
        }

        return errors;
    }

    /// <summary>
    /// The software configuration for one deployment: every parameter gets the supplied value or its default;
    /// a required parameter with neither, or a value of the wrong form, is an error keyed <c>parameters.NAME</c>.
    /// Values for parameters the stack does not define are refused, so a typo is not silently dropped.
    /// </summary>
    public ValidationResult<SoftwareConfiguration> Configure(IReadOnlyDictionary<string, string?>? values = null)
    {
        values ??= new Dictionary<string, string?>();
        var errors = new List<ValidationError>();
        var settings = new List<ParameterSetting>();
        foreach (var parameter in Parameters)
        {
            var field = $"parameters.{parameter.Name}";
            var supplied = values.FirstOrDefault(v => string.Equals(v.Key, parameter.Name, StringComparison.OrdinalIgnoreCase)).Value;
            var value = string.IsNullOrEmpty(supplied) ? parameter.Default : supplied;
            if (string.IsNullOrEmpty(value))
            {
                // A secret the portal generates is filled in before the deployment is planned for real; a preview simply lacks it.
                if (parameter.Required && !(parameter.IsSecret && parameter.Generate))
                {
                    errors.Add(new ValidationError(field, $"{parameter.DisplayLabel} is required."));
                }

                continue;
            }

            var problems = parameter.ValidateValue(value, field).ToList();
            errors.AddRange(problems);
            if (problems.Count == 0)
            {
                settings.Add(new ParameterSetting(parameter.Name, parameter.Type, parameter.IsSecret ? null : value, parameter.IsSecret ? new SecretValue(value) : null));
            }
        }

        foreach (var unknown in values.Keys.Where(k => !Parameters.Any(p => string.Equals(p.Name, k, StringComparison.OrdinalIgnoreCase))))
        {
            errors.Add(new ValidationError($"parameters.{unknown}", $"This image has no parameter named {unknown}."));
        }

        return errors.Count > 0
            ? ValidationResult<SoftwareConfiguration>.Failure(errors)
            : ValidationResult<SoftwareConfiguration>.Success(new SoftwareConfiguration(Family, OsLabel, settings));
    }
}
