namespace Portal.Web.Hosting.KeysAtRest;

/// <summary>
/// Settings under <c>Portal:DataProtection</c>: the certificate that encrypts the Data Protection key ring in the
/// database. The key ring protects sign-in cookies, BMC passwords and secret deployment parameters; the certificate
/// never goes into the database, so a copy of the database alone decrypts nothing.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "Portal:DataProtection";
    public const string CertificatePathKey = Section + ":CertificatePath";
    public const string CertificatePasswordKey = Section + ":CertificatePassword";
    public const string PreviousCertificatesKey = Section + ":PreviousCertificates";

    /// <summary>
    /// A PKCS#12 (.pfx) file with the certificate and its private key. Empty: <c>key-ring.pfx</c> in the data
    /// folder, created on first start (mode 0600). Several nodes on one database must all name the same certificate.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/> (or of the created file); empty for none.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Keys are shared by the nodes with the same name; change it only to separate portals on one database.</summary>
    public string ApplicationName { get; set; } = "Portal";

    /// <summary>
    /// Certificates that encrypted the key ring before a rotation: read only. At start every key encrypted with one
    /// of them (or stored unencrypted by an older portal) is encrypted again with the current certificate.
    /// </summary>
    public List<KeyRingCertificateFile> PreviousCertificates { get; set; } = [];
}
