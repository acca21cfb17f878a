using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Library;
using Portal.Domain.Validation;

namespace Portal.Provisioning.Configuration;

/// <summary>
/// Writes the first-boot configuration of a machine: cloud-init files for Linux, an answer file for Windows.
/// Which one runs is decided by the OS family alone (<see cref="For"/>). Generators keep no state between calls.
/// </summary>
public abstract partial class ConfigurationGenerator(ILogger logger)
{
    public abstract OsFamily Family { get; }

    /// <summary>The generator for a family, or null for <see cref="OsFamily.Other"/>: such images configure themselves.</summary>
    public static ConfigurationGenerator? For(OsFamily family, ILoggerFactory? loggerFactory = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        return family switch
        {
            OsFamily.Linux => new CloudInitGenerator(loggerFactory.CreateLogger<CloudInitGenerator>()),
            OsFamily.Windows => new UnattendGenerator(loggerFactory.CreateLogger<UnattendGenerator>()),
            _ => null,
        };
    }

    /// <summary>Reads the identity from the configuration's well-known parameters, then generates.</summary>
    public ValidationResult<GeneratedConfiguration> Generate(SoftwareConfiguration configuration, string instanceId)
    {
        var identity = MachineIdentity.FromSettings(configuration, instanceId);
        return identity.IsValid ? Generate(configuration, identity.Value) : Refuse(instanceId, identity.Errors);
    }

    public ValidationResult<GeneratedConfiguration> Generate(SoftwareConfiguration configuration, MachineIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(identity);
        if (configuration.Family != Family)
        {
            throw new ArgumentException($"The {Family} generator was given a {configuration.Family} configuration.", nameof(configuration));
        }

        var errors = identity.Validate(Family).Concat(ValidateSettings(configuration)).ToList();
        if (errors.Count > 0)
        {
            return Refuse(identity.InstanceId, errors);
        }

        var generated = Build(configuration, identity);
        LogGenerated(identity.Hostname, identity.InstanceId, generated);
        foreach (var file in generated.Files)
        {
            LogFile(file.Name, file.MaskedContent);
        }

        return ValidationResult<GeneratedConfiguration>.Success(generated);
    }

    /// <summary>Problems with the configuration's other parameters that this generator cannot write.</summary>
    protected virtual IEnumerable<ValidationError> ValidateSettings(SoftwareConfiguration configuration) => [];

    /// <summary>Builds the files; the identity and settings are already valid for this family.</summary>
    protected abstract GeneratedConfiguration Build(SoftwareConfiguration configuration, MachineIdentity identity);

    private ValidationResult<GeneratedConfiguration> Refuse(string instanceId, IReadOnlyList<ValidationError> errors)
    {
        LogRefused(instanceId, string.Join(", ", errors.Select(e => e.Field).Distinct()));
        return ValidationResult<GeneratedConfiguration>.Failure(errors);
    }

    // The configuration is logged through its ToString, which names files and sizes only.
    [LoggerMessage(Level = LogLevel.Information, Message = "Generated the first-boot configuration of {Hostname} (instance {InstanceId}): {Configuration}")]
    private partial void LogGenerated(string hostname, string instanceId, GeneratedConfiguration configuration);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{FileName}, secrets masked:\n{MaskedContent}")]
    private partial void LogFile(string fileName, string maskedContent);

    [LoggerMessage(Level = LogLevel.Information, Message = "No first-boot configuration for instance {InstanceId}: invalid {Fields}")]
    private partial void LogRefused(string instanceId, string fields);
}
