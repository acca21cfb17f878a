using Microsoft.AspNetCore.DataProtection;
using Portal.Data;
using Portal.Data.Configuration;

namespace Portal.Web.Hosting.KeysAtRest;

public static class KeyRingServiceExtensions
{
    /// <summary>
    /// Data Protection with its key ring in the database (so nodes share sign-in cookies and secrets) and every key
    /// encrypted with the key-ring certificate, which lives outside the database (see <see cref="KeyRingOptions"/>).
    /// <see cref="KeyRingGuard"/> must run at start before anything protects or unprotects.
    /// </summary>
    public static IServiceCollection AddPortalKeyRing(this IServiceCollection services, IConfiguration configuration, string dataDirectory, DatabaseSettings database)
    {
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (string.IsNullOrWhiteSpace(options.ApplicationName))
        {
            throw new PortalConfigurationException(
                $"{KeyRingOptions.Section}:ApplicationName is empty: leave it out (\"Portal\") or give every node the same name.");
        }

        var certificates = KeyRingCertificates.Load(options, dataDirectory);
        if (!certificates.IsStored && database.Provider == DatabaseProvider.Sqlite)
        {
            // The embedded default's usual case, checked before the host starts so the operator reads one line;
            // KeyRingGuard checks again at start, after migrations, for every provider.
            KeyRingGuard.RefuseIfEncrypted(certificates, EncryptedKeysInSqlite(database));
        }

        services.AddSingleton(certificates);
        services.AddSingleton<KeyRingGuard>();
        services.AddDataProtection()
            .SetApplicationName(options.ApplicationName)
            .PersistKeysToDbContext<PortalDbContext>()
            .ProtectKeysWithCertificate(certificates.Current)
            .UnprotectKeysWithAnyCertificate([.. certificates.All]);
        return services;
    }

    /// <summary>Whether the SQLite database holds an encrypted key; false for a new file (no table yet).</summary>
    private static bool EncryptedKeysInSqlite(DatabaseSettings database)
    {
        using var provider = new ServiceCollection().AddPortalDatabase(database).BuildServiceProvider();
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        try
        {
            return db.DataProtectionKeys.Any(k => k.Xml != null && k.Xml.Contains("encryptedSecret"));
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // No key table yet (a database being created) or no readable file: nothing that a new certificate would orphan.
            return false;
        }
    }
}
