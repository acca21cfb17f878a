namespace Portal.Web.Tests.Security.KeysAtRest;

/// <summary>
/// The Data Protection key ring is encrypted with a certificate kept outside the database: the database file alone
/// (as a backup, a copy or a stolen disk gives it) decrypts none of the secrets it holds.
/// </summary>
public sealed class KeysAtRestTests(KeysAtRestPortal portal) : IClassFixture<KeysAtRestPortal>
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public async Task A_copy_of_the_database_without_the_key_file_decrypts_no_bmc_password_and_no_secret_parameter()
    {
        await using var stolen = new StolenDatabase(portal.DatabaseFile);

        var bmc = await stolen.ColumnAsync("SELECT ProtectedBmcPassword FROM PhysicalServers WHERE Name = 'stolen-r660'");
        var secrets = await stolen.ColumnAsync("SELECT ProtectedSecrets FROM Deployments WHERE ProtectedSecrets IS NOT NULL");

        Assert.Single(bmc);
        Assert.NotEmpty(secrets);
        Assert.All(bmc, payload => Assert.Null(stolen.TryUnprotect(KeysAtRestPortal.BmcPurpose, payload)));
        Assert.All(secrets, payload => Assert.Null(stolen.TryUnprotect(KeysAtRestPortal.SecretsPurpose, payload)));
    }

    [Fact]
    public async Task The_same_copy_with_the_key_file_decrypts_them_so_the_payloads_are_real()
    {
        using var certificate = portal.LoadCertificate();
        await using var stolen = new StolenDatabase(portal.DatabaseFile, certificate);

        var bmc = (await stolen.ColumnAsync("SELECT ProtectedBmcPassword FROM PhysicalServers WHERE Name = 'stolen-r660'")).Single();
        var secrets = await stolen.ColumnAsync("SELECT ProtectedSecrets FROM Deployments WHERE ProtectedSecrets IS NOT NULL");

        Assert.Equal(KeysAtRestPortal.BmcPassword, stolen.TryUnprotect(KeysAtRestPortal.BmcPurpose, bmc));
        Assert.Contains(secrets, s => stolen.TryUnprotect(KeysAtRestPortal.SecretsPurpose, s)?.Contains(KeysAtRestPortal.AdminPassword, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_key_ring_in_the_database_holds_each_key_as_an_encrypted_secret_with_no_key_material_in_plain_text()
    {
        await using var stolen = new StolenDatabase(portal.DatabaseFile);

        var keys = await stolen.ColumnAsync("SELECT Xml FROM DataProtectionKeys");

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("requiresEncryption", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_data_folder_is_the_owners_only_and_so_are_the_database_its_journal_files_and_the_key_file()
    {
        Assert.Equal(OwnerOnlyFolder, portal.Modes["."]);
        Assert.Contains("portal.db-wal", portal.Modes.Keys);
        Assert.All(
            portal.Modes.Where(m => m.Key.StartsWith("portal.db", StringComparison.Ordinal) || m.Key == "key-ring.pfx" || m.Key == "boot-token.key"),
            m => Assert.True(m.Value == OwnerOnlyFile, $"{m.Key} is {m.Value}, not owner read/write only"));
        Assert.Contains("key-ring.pfx", portal.Modes.Keys);
    }
}
