namespace Portal.Web.Hosting.KeysAtRest;

/// <summary>A certificate file and its password, as configured.</summary>
public sealed class KeyRingCertificateFile
{
    public string Path { get; set; } = "";

    public string? Password { get; set; }
}
