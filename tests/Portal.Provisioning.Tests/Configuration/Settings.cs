using Portal.Domain.Library;

namespace Portal.Provisioning.Tests.Configuration;

/// <summary>Software configurations as <c>SoftwareStack.Configure</c> makes them: secrets only in <see cref="SecretValue"/>.</summary>
internal static class Settings
{
    public const string Password = "Tr0ub4dor&3 <x>\"'";

    public const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHc4t0b2oXc0X3wB6Yc2jB3cQmS6m3v1d7yQ0fF1uJd0 ops@example.com";

    public static ParameterSetting Value(string name, string value, ParameterType type = ParameterType.String) => new(name, type, value, null);

    public static ParameterSetting Secret(string name, string value) => new(name, ParameterType.Secret, null, new SecretValue(value));

    public static SoftwareConfiguration Linux(params ParameterSetting[] settings) => new(OsFamily.Linux, "Ubuntu 24.04", settings);

    public static SoftwareConfiguration WindowsStack(params ParameterSetting[] settings) => new(OsFamily.Windows, "Windows Server 2022", settings);
}
