using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Configuration;

namespace Portal.Web.Hosting.KeysAtRest;

/// <summary>
/// Runs at start, after migrations and before anything uses Data Protection. It refuses to start when a key in the
/// database was encrypted with a certificate this node does not have (a lost key file, or a node configured apart
/// from the others): Data Protection would otherwise quietly make a new key, and every secret kept under the old
/// ones (BMC passwords, secret parameters) would stay unreadable. It then writes the embedded default certificate
/// the first time, and encrypts with the current certificate every key an older portal stored in plain text or a
/// previous certificate encrypted, so a database copied afterwards holds no usable key.
/// </summary>
public sealed partial class KeyRingGuard(
    KeyRingCertificates certificates,
    IServiceProvider services,
    ILoggerFactory loggers,
    ILogger<KeyRingGuard> logger)
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";
    private static readonly XName X509Certificate = XNamespace.Get("http://www.w3.org/2000/09/xmldsig#") + "X509Certificate";

    public async Task CheckAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.DataProtectionKeys.ToListAsync(cancellationToken);
        var keys = rows.Where(r => !string.IsNullOrEmpty(r.Xml)).Select(r => (Row: r, Xml: XElement.Parse(r.Xml!))).ToList();

        if (!certificates.IsStored)
        {
            RefuseIfEncrypted(certificates, keys.Any(k => k.Xml.Descendants(EncryptedSecret).Any()));
            certificates.Store();
            LogCreated(certificates.CurrentPath);
        }

        var known = certificates.All.Select(c => c.Thumbprint).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var encryptor = new CertificateXmlEncryptor(certificates.Current, loggers);
        var decryptor = new EncryptedXmlDecryptor(services);
        var rewritten = 0;
        foreach (var (row, xml) in keys)
        {
            var changed = false;
            foreach (var secret in xml.Descendants(EncryptedSecret).ToList())
            {
                var thumbprint = Thumbprint(secret);
                if (thumbprint is null || string.Equals(thumbprint, certificates.Current.Thumbprint, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!known.Contains(thumbprint))
                {
                    throw new PortalConfigurationException(
                        $"Data-protection key {xml.Attribute("id")?.Value} is encrypted with certificate {thumbprint}, which this node does not have. " +
                        $"Set {KeyRingOptions.CertificatePathKey} to that certificate (the one the other nodes use), or list it under " +
                        $"{KeyRingOptions.PreviousCertificatesKey} after a rotation.");
                }

                secret.ReplaceWith(Encrypted(encryptor, decryptor.Decrypt(secret.Elements().Single())));
                changed = true;
            }

            // Keys written by a portal without a certificate: their secret element is marked, in plain text.
            foreach (var plain in xml.Descendants().Where(e => (string?)e.Attribute(RequiresEncryption) == "true").ToList())
            {
                plain.ReplaceWith(Encrypted(encryptor, new XElement(plain)));
                changed = true;
            }

            if (changed)
            {
                row.Xml = xml.ToString(SaveOptions.DisableFormatting);
                rewritten++;
            }
        }

        if (rewritten > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            LogReencrypted(rewritten, certificates.Current.Thumbprint);
        }
    }

    /// <summary>The embedded default's file is missing: making a new certificate is right only if no key needs the old one.</summary>
    internal static void RefuseIfEncrypted(KeyRingCertificates certificates, bool ringIsEncrypted)
    {
        if (ringIsEncrypted)
        {
            throw new PortalConfigurationException(
                $"The data-protection key ring in the database is encrypted, but its key file {certificates.CurrentPath} is missing. " +
                $"Restore that file from its backup, or set {KeyRingOptions.CertificatePathKey} to the certificate that encrypted the " +
                "ring (the one the other nodes use). The portal makes no new key: secrets kept under the old ones would stay unreadable.");
        }
    }

    /// <summary>The element Data Protection itself writes for an encrypted secret, which its key manager decrypts when it reads the key.</summary>
    private static XElement Encrypted(CertificateXmlEncryptor encryptor, XElement plaintext)
    {
        var info = encryptor.Encrypt(plaintext);
        return new XElement(EncryptedSecret,
            new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!),
            info.EncryptedElement);
    }

    private static string? Thumbprint(XElement encryptedSecret)
    {
        var base64 = encryptedSecret.Descendants(X509Certificate).FirstOrDefault()?.Value;
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64));
            return certificate.Thumbprint;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the key-ring certificate {Path}: back it up; without it the secrets in the database cannot be read (see README, Keys at rest)")]
    private partial void LogCreated(string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted {Count} data-protection keys with the current key-ring certificate {Thumbprint}")]
    private partial void LogReencrypted(int count, string thumbprint);
}
