using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Portal.Data.Configuration;

namespace Portal.Web.Hosting.KeysAtRest;

/// <summary>
/// The certificates of the key ring, loaded when the host is built: the current one encrypts new keys, all of them
/// decrypt. The embedded default is made in memory when its file does not exist yet, and written (mode 0600) only by
/// <see cref="KeyRingGuard"/> once it has seen that the database holds no key it would orphan.
/// </summary>
public sealed class KeyRingCertificates
{
    public const string DefaultFileName = "key-ring.pfx";

    private readonly string? password;

    private KeyRingCertificates(X509Certificate2 current, string path, bool configured, bool stored, string? password, IReadOnlyList<X509Certificate2> previous)
    {
        Current = current;
        CurrentPath = path;
        IsConfigured = configured;
        IsStored = stored;
        this.password = password;
        Previous = previous;
    }

    public X509Certificate2 Current { get; }

    /// <summary>Where the current certificate lives (or will be written, for the embedded default).</summary>
    public string CurrentPath { get; }

    /// <summary>Whether <c>Portal:DataProtection:CertificatePath</c> names the certificate (otherwise the embedded default).</summary>
    public bool IsConfigured { get; }

    /// <summary>False only for an embedded default made on this start and not written yet.</summary>
    public bool IsStored { get; private set; }

    public IReadOnlyList<X509Certificate2> Previous { get; }

    public IEnumerable<X509Certificate2> All => Previous.Prepend(Current);

    public static KeyRingCertificates Load(KeyRingOptions options, string dataDirectory)
    {
        var previous = options.PreviousCertificates
            .Select((file, i) => Open(file.Path, file.Password, $"{KeyRingOptions.PreviousCertificatesKey}:{i}:Path"))
            .ToList();

        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var path = Path.GetFullPath(options.CertificatePath);
            return new KeyRingCertificates(
                Open(path, options.CertificatePassword, KeyRingOptions.CertificatePathKey), path, configured: true, stored: true, options.CertificatePassword, previous);
        }

        var embedded = Path.Combine(dataDirectory, DefaultFileName);
        return File.Exists(embedded)
            ? new KeyRingCertificates(Open(embedded, options.CertificatePassword, KeyRingOptions.CertificatePathKey), embedded, configured: false, stored: true, options.CertificatePassword, previous)
            : new KeyRingCertificates(CreateSelfSigned(), embedded, configured: false, stored: false, options.CertificatePassword, previous);
    }

    /// <summary>
    /// A new self-signed certificate for the key ring written as a PKCS#12 file readable by its owner only (0600 on
    /// Unix). Operators of several nodes may make the shared certificate this way, or with any PKI.
    /// </summary>
    public static void CreateFile(string path, string? password)
    {
        using var certificate = CreateSelfSigned();
        Write(certificate, path, password);
    }

    /// <summary>Writes the embedded default the first time; the caller has checked that no key depends on another certificate.</summary>
    internal void Store()
    {
        if (IsStored)
        {
            return;
        }

        Write(Current, CurrentPath, password);
        IsStored = true;
    }

    private static X509Certificate2 CreateSelfSigned()
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Portal data-protection key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));

        // Data Protection does not check validity dates when it encrypts or decrypts; a long life avoids a
        // certificate that looks expired to an operator's tools while it still guards every secret.
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
    }

    private static void Write(X509Certificate2 certificate, string path, string? password)
    {
        var folder = Path.GetDirectoryName(path)!;
        DataDirectory.EnsureCreated(folder);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        // Written aside and moved in, so a crash never leaves a half-written key file that the next start trusts.
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(certificate.Export(X509ContentType.Pkcs12, password));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: false);
    }

    private static X509Certificate2 Open(string path, string? password, string key)
    {
        if (!File.Exists(path))
        {
            throw new PortalConfigurationException(
                $"{key} names {path}, which does not exist. Restore the certificate from its backup, or make one " +
                "(see README, \"Keys at rest\"); the portal never replaces a configured certificate by itself.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new PortalConfigurationException(
                $"{key} names {path}, which cannot be opened as a PKCS#12 file with the configured password " +
                $"({KeyRingOptions.CertificatePasswordKey} or the Password next to it): {e.Message}");
        }

        using var privateKey = certificate.HasPrivateKey ? certificate.GetRSAPrivateKey() : null;
        if (privateKey is null)
        {
            throw new PortalConfigurationException(
                $"{key} names {path}, which holds no RSA private key: the key ring needs one to decrypt its keys.");
        }

        return certificate;
    }
}
