using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Configuration;
using Portal.Testing;

namespace Portal.Web.Tests.Security.KeysAtRest;

/// <summary>
/// What a thief does with a copy of the database file: copies it to a folder of their own and points the same Data
/// Protection library at its key ring, with whatever certificates they hold (none, unless the test gives the real one
/// to show that the payloads are really there to decrypt). Keys are never generated: the thief wants the old ones.
/// </summary>
internal sealed class StolenDatabase : IAsyncDisposable
{
    private readonly TempDirectory folder = new();
    private readonly ServiceProvider services;

    public StolenDatabase(string databaseFile, params X509Certificate2[] certificates)
    {
        File = Path.Combine(folder.Path, "copy.db");
        System.IO.File.Copy(databaseFile, File);
        if (System.IO.File.Exists(databaseFile + "-wal"))
        {
            System.IO.File.Copy(databaseFile + "-wal", File + "-wal");
        }

        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddPortalDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={File};Pooling=False"));
        var dataProtection = collection.AddDataProtection()
            .SetApplicationName("Portal")
            .PersistKeysToDbContext<PortalDbContext>()
            .DisableAutomaticKeyGeneration();
        if (certificates.Length > 0)
        {
            dataProtection.UnprotectKeysWithAnyCertificate(certificates);
        }

        services = collection.BuildServiceProvider();
    }

    public string File { get; }

    /// <summary>The plain text, or null when the library cannot decrypt the payload with what the thief holds.</summary>
    public string? TryUnprotect(string purpose, string payload)
    {
        try
        {
            return services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(payload);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public async Task<List<string>> ColumnAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        folder.Dispose();
    }
}
