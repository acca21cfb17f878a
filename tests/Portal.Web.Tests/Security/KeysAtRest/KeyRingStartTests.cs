using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Configuration;
using Portal.Testing;
using Portal.Web.Hosting.KeysAtRest;

namespace Portal.Web.Tests.Security.KeysAtRest;

/// <summary>
/// What the portal does at start with the key ring it finds: it never makes new keys over ones it cannot read, it
/// encrypts keys an older portal stored in plain text, and it moves the ring to a new certificate on rotation.
/// </summary>
public sealed class KeyRingStartTests
{
    private const string Purpose = KeysAtRestPortal.BmcPurpose;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Quiet(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Portal:Seed:DemoUsers"] = "false", ["Portal:Seed:DemoData"] = "false" };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task A_missing_key_file_with_an_encrypted_key_ring_stops_the_start_naming_the_setting_and_makes_no_new_key()
    {
        using var data = new TempDirectory();
        await using (var first = new PortalAppFactory(Quiet(), data.Path))
        {
            first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("anything");
        }

        SqliteConnection.ClearAllPools();
        var keysBefore = await KeyRowsAsync(data.Path);
        File.Delete(Path.Combine(data.Path, KeyRingCertificates.DefaultFileName));

        var (exitCode, output) = await RunPortalProcessAsync(data.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("Portal:DataProtection:CertificatePath", output, StringComparison.Ordinal);
        Assert.Contains("is missing", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, KeyRingCertificates.DefaultFileName)), "no new key file may replace the lost one");
        Assert.Equal(keysBefore, await KeyRowsAsync(data.Path));
    }

    [Fact]
    public async Task A_configured_certificate_that_does_not_exist_stops_the_start_naming_the_setting()
    {
        using var data = new TempDirectory();
        var missing = Path.Combine(data.Path, "nowhere.pfx");

        var (exitCode, output) = await RunPortalProcessAsync(data.Path, ("Portal__DataProtection__CertificatePath", missing));

        Assert.Equal(1, exitCode);
        Assert.Contains($"Portal:DataProtection:CertificatePath names {missing}, which does not exist", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.False(File.Exists(missing), "a configured certificate is never made by the portal");
    }

    [Fact]
    public async Task A_database_file_an_older_portal_left_readable_by_everyone_is_made_the_owners_only_at_start()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes");
            return;
        }

        using var data = new TempDirectory();
        var database = Path.Combine(data.Path, "portal.db");
        await using (var first = new PortalAppFactory(Quiet(), data.Path))
        {
            _ = first.Services;
        }

        SqliteConnection.ClearAllPools();
        const UnixFileMode worldReadable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(database, worldReadable);
        Assert.Equal(worldReadable, File.GetUnixFileMode(database));

        await using (var second = new PortalAppFactory(Quiet(), data.Path))
        {
            _ = second.Services;
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database));
    }

    [Fact]
    public async Task Keys_an_older_portal_stored_in_plain_text_are_encrypted_at_start_and_what_they_protect_still_reads()
    {
        using var data = new TempDirectory();
        await using (var first = new PortalAppFactory(Quiet(), data.Path))
        {
            _ = first.Services;
        }

        // The database as an older portal left it: no key file, a key ring in plain text, a secret under it.
        SqliteConnection.ClearAllPools();
        File.Delete(Path.Combine(data.Path, KeyRingCertificates.DefaultFileName));
        await ExecuteAsync(data.Path, "DELETE FROM DataProtectionKeys");
        string payload;
        await using (var legacy = LegacyPortal(data.Path))
        {
            payload = legacy.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("Legacy-Bmc-Password");
        }

        Assert.Contains(await KeyRowsAsync(data.Path), xml => xml.Contains("<masterKey", StringComparison.Ordinal));

        string? read;
        await using (var upgraded = new PortalAppFactory(Quiet(), data.Path))
        {
            read = upgraded.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(payload);
        }

        SqliteConnection.ClearAllPools();
        await using var stolen = new StolenDatabase(Path.Combine(data.Path, "portal.db"));
        Assert.Equal("Legacy-Bmc-Password", read);
        Assert.All(await KeyRowsAsync(data.Path), xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        Assert.Null(stolen.TryUnprotect(Purpose, payload));
    }

    [Fact]
    public async Task A_rotation_moves_the_ring_to_the_new_certificate_after_which_the_old_one_is_neither_needed_nor_useful()
    {
        using var data = new TempDirectory();
        var oldPath = Path.Combine(data.Path, "old.pfx");
        var newPath = Path.Combine(data.Path, "new.pfx");
        KeyRingCertificates.CreateFile(oldPath, "old-pfx-password");
        KeyRingCertificates.CreateFile(newPath, null);
        var onOld = Quiet(("Portal:DataProtection:CertificatePath", oldPath), ("Portal:DataProtection:CertificatePassword", "old-pfx-password"));
        var onNew = Quiet(("Portal:DataProtection:CertificatePath", newPath));
        var rotating = Quiet(
            ("Portal:DataProtection:CertificatePath", newPath),
            ("Portal:DataProtection:PreviousCertificates:0:Path", oldPath),
            ("Portal:DataProtection:PreviousCertificates:0:Password", "old-pfx-password"));

        string payload;
        await using (var before = new PortalAppFactory(onOld, data.Path))
        {
            payload = before.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("Rotated-Bmc-Password");
        }

        SqliteConnection.ClearAllPools();
        var (refusedExit, refused) = await RunPortalProcessAsync(data.Path, ("Portal__DataProtection__CertificatePath", newPath));

        await using (var rotation = new PortalAppFactory(rotating, data.Path))
        {
            _ = rotation.Services;
        }

        string? read;
        await using (var after = new PortalAppFactory(onNew, data.Path))
        {
            read = after.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(payload);
        }

        SqliteConnection.ClearAllPools();
        using var oldCertificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(oldPath, "old-pfx-password");
        await using var stolenWithOld = new StolenDatabase(Path.Combine(data.Path, "portal.db"), oldCertificate);
        Assert.Equal(1, refusedExit);
        Assert.Contains("Portal:DataProtection:PreviousCertificates", refused, StringComparison.Ordinal);
        Assert.Equal("Rotated-Bmc-Password", read);
        Assert.Null(stolenWithOld.TryUnprotect(Purpose, payload));
    }

    /// <summary>Data Protection as a portal before keys at rest configured it: the key ring in the database, unencrypted.</summary>
    private static ServiceProvider LegacyPortal(string dataDirectory)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortalDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataDirectory, "portal.db")};Pooling=False"));
        services.AddDataProtection().SetApplicationName("Portal").PersistKeysToDbContext<PortalDbContext>();
        return services.BuildServiceProvider();
    }

    private static async Task<List<string>> KeyRowsAsync(string dataDirectory)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "portal.db")};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Xml FROM DataProtectionKeys ORDER BY Id";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task ExecuteAsync(string dataDirectory, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "portal.db")};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Token);
    }

    private static async Task<(int ExitCode, string Output)> RunPortalProcessAsync(string dataDirectory, params (string Key, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["Portal__DataDirectory"] = dataDirectory,
            },
        };

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(Token);
        var stdout = process.StandardOutput.ReadToEndAsync(Token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("The portal started (or hung) instead of refusing the missing key file.");
        }

        return (process.ExitCode, await stderr + await stdout);
    }
}
