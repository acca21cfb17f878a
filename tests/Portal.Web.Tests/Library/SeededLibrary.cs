using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data.Library;
using Portal.Data.Providers;
using Portal.Testing;
using Portal.Web.Library;

namespace Portal.Web.Tests.Library;

/// <summary>
/// A SQLite database with every migration applied and the demo library seeded through the real
/// <see cref="ImageStore"/>, built once per test run; each test gets its own copy of the file.
/// </summary>
internal static class SeededLibrary
{
    private static readonly Lazy<Task<byte[]>> Template = new(BuildAsync);

    public static Task<byte[]> BytesAsync() => Template.Value;

    private static async Task<byte[]> BuildAsync()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "template.db");
        var copy = Path.Combine(folder.Path, "copy.db");
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={file}").Options;
        await using (var db = new SqlitePortalDbContext(options))
        {
            await db.Database.MigrateAsync();
            var store = new ImageStore(db, TimeProvider.System, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
            await new LibrarySeeder(store, NullLogger<LibrarySeeder>.Instance).SeedAsync(CancellationToken.None);
        }

        // One self-contained file, whatever journal mode the template was left in.
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = $"VACUUM INTO '{copy}'";
            await vacuum.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        return await File.ReadAllBytesAsync(copy);
    }
}
