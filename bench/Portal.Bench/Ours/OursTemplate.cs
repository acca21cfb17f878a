using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Bench.Profiling;
using Portal.Data.Providers;
using Portal.Data.Workflows;

namespace Portal.Bench.Ours;

/// <summary>
/// Once per process: a folder on a disk (checked), a SQLite file migrated with the portal's own context and
/// migrations and the bench flows published, copied for every cell (a fresh file each time, without paying for the
/// migrations again). It also measures what one committed write costs on this disk, which bounds a lone caller.
/// </summary>
public sealed class OursTemplate : IDisposable
{
    private const int SyncSamples = 50;
    private int cells;

    private OursTemplate(string folder, string? synchronous)
    {
        Folder = folder;
        Synchronous = synchronous;
    }

    public string Folder { get; }

    public string? Synchronous { get; }

    public string File => Path.Combine(Folder, "template.db");

    /// <summary>Median time of one committed single-row write (a disk sync at FULL) on this folder's disk, in ms.</summary>
    public double CommitP50Ms { get; private set; }

    public static async Task<OursTemplate> CreateAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetFullPath(options.Temp), $"portal-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var template = new OursTemplate(folder, options.Synchronous);
        await using (var db = new SqlitePortalDbContext(template.Options(template.File).Options))
        {
            await db.Database.MigrateAsync(cancellationToken);
            var definitions = new EfWorkflowDefinitionStore(db);
            foreach (var definition in OursDefinitions.All())
            {
                await definitions.PublishAsync(definition, "bench", DateTimeOffset.UtcNow, cancellationToken);
            }
        }

        template.CommitP50Ms = await template.MeasureCommitAsync(cancellationToken);
        SqliteConnection.ClearAllPools();
        return template;
    }

    /// <summary>The portal's connection string form and busy handler for a file, with the what-if pragma when asked for.</summary>
    public DbContextOptionsBuilder<SqlitePortalDbContext> Options(string file)
    {
        var builder = new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={file}")
            .AddInterceptors(SqliteBusyTimeout.Instance);
        if (Synchronous is not null)
        {
            builder.AddInterceptors(new SynchronousPragma(Synchronous));
        }

        return builder;
    }

    /// <summary>A fresh copy of the migrated file for one cell.</summary>
    public string NewCellFile()
    {
        var file = Path.Combine(Folder, $"cell-{Interlocked.Increment(ref cells)}.db");
        System.IO.File.Copy(File, file);
        return file;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private async Task<double> MeasureCommitAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={File}");
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"PRAGMA synchronous = {Synchronous ?? "FULL"}; CREATE TABLE BenchSync (x INTEGER)", cancellationToken);
        var samples = new List<double>();
        for (var i = 0; i < SyncSamples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await ExecuteAsync(connection, "INSERT INTO BenchSync VALUES (1)", cancellationToken);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        // Checkpointed and truncated, so a copy of the file is the whole database.
        await ExecuteAsync(connection, "DROP TABLE BenchSync; PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
        return Stats.Median(samples);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
