using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Library;
using Portal.Domain.Library;

namespace Portal.Data.Tests.Library;

/// <summary>A platform's connection settings round-trip through the store; its password only ever encrypted, in its own column.</summary>
public sealed class PlatformConnectionStoreTests
{
    private const string Password = "bmc-pool-Pa55-4d1c";

    /// <summary>One key ring for the test: what the store protects, a later store (another request) must unprotect.</summary>
    private readonly IDataProtectionProvider protection = new EphemeralDataProtectionProvider();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => new() { "Sqlite", "PostgreSql" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Connection_settings_round_trip_and_the_password_is_stored_only_encrypted(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var pool = Pool(new PlatformConnection
        {
            Driver = PlatformDriver.Redfish, Uri = "https://bmc-pool.lab", UserName = "root", Password = new SecretValue(Password), IpxeHasHttps = true,
        });

        var saved = await Store(database).SavePlatformAsync(pool, Token);
        var read = await Store(database).FindPlatformAsync(pool.Id, Token);

        Assert.True(saved.IsValid, string.Join("; ", saved.Errors.Select(e => e.Message)));
        Assert.Equal(PlatformDriver.Redfish, read!.Connection!.Driver);
        Assert.Equal(("https://bmc-pool.lab", "root", true), (read.Connection.Uri, read.Connection.UserName, read.Connection.IpxeHasHttps));
        Assert.Equal(Password, read.Connection.Password.Reveal());
        var raw = await RawAsync(database, pool.Id);
        Assert.DoesNotContain(Password, raw.Document, StringComparison.Ordinal);
        Assert.NotNull(raw.ProtectedPassword);
        Assert.DoesNotContain(Password, raw.ProtectedPassword, StringComparison.Ordinal);
        Assert.Equal(Password, protection.CreateProtector(ImageStore.PasswordPurpose).Unprotect(raw.ProtectedPassword));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_empty_password_on_save_keeps_the_stored_one_and_another_driver_drops_it(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var connection = new PlatformConnection { Driver = PlatformDriver.Redfish, UserName = "root", Password = new SecretValue(Password) };
        await Store(database).SavePlatformAsync(Pool(connection), Token);
        var id = Pool(connection).Id;

        await Store(database).SavePlatformAsync(Pool(connection with { Password = new SecretValue(""), IpxeHasHttps = true }), Token);
        var kept = await Store(database).FindPlatformAsync(id, Token);
        await Store(database).SavePlatformAsync(Pool(PlatformConnection.Simulated), Token);
        var dropped = await RawAsync(database, id);

        Assert.Equal(Password, kept!.Connection!.Password.Reveal());
        Assert.True(kept.Connection.IpxeHasHttps);
        Assert.Null(dropped.ProtectedPassword);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_platform_stored_without_settings_reads_back_without_any(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);

        await Store(database).SavePlatformAsync(Pool(null), Token);

        Assert.Null((await Store(database).FindPlatformAsync(Pool(null).Id, Token))!.Connection);
    }

    private static readonly Guid PoolId = Guid.Parse("9a1e0000-0000-4000-8000-0000000000aa");

    private static Platform Pool(PlatformConnection? connection) => new()
    {
        Id = PoolId, Name = "Rack A", Kind = PlatformKind.Physical, Technology = PlatformTechnology.Pxe,
        Capabilities = new PlatformCapabilities { DiskFormats = [DiskFormat.Raw] }, Connection = connection,
    };

    private ImageStore Store(TestDatabase database) => new(database.NewContext(), TimeProvider.System, protection);

    private static async Task<PlatformRecord> RawAsync(TestDatabase database, Guid id)
    {
        await using var db = database.NewContext();
        return await db.Platforms.AsNoTracking().SingleAsync(p => p.Id == id, Token);
    }
}
