using System.Diagnostics;

namespace Portal.Data.Tests.Bench;

/// <summary>
/// The engine bench (bench/Portal.Bench) must not rot: its smoke run — tiny N, one run per garbage collector, both
/// engines, every scenario — runs as a child process, as a reader would run it, and must exit 0 with every table row.
/// Its temp folder is under this test's output folder, on the repository's disk (the bench refuses tmpfs).
/// </summary>
public sealed class EngineBenchSmokeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task The_bench_smoke_run_measures_every_scenario_on_both_engines_under_both_collectors()
    {
        var bench = BenchAssembly();
        var temp = Path.Combine(AppContext.BaseDirectory, "bench-smoke");
        Directory.CreateDirectory(temp);
        var start = new ProcessStartInfo("dotnet", [bench, "--smoke", "--temp", temp])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The bench's smoke run did not finish within {Limit.TotalMinutes} minutes. Its progress:\n{await errors}");
        }

        var table = await output;
        var log = await errors;
        Assert.True(process.ExitCode == 0, $"The bench's smoke run exited with {process.ExitCode}.\n{log}\n{table}");
        foreach (var gc in new[] { "### server GC", "### workstation GC" })
        {
            Assert.Contains(gc, table, StringComparison.Ordinal);
        }

        // Every scenario's row, each with a figure for both engines and a paired ratio (a number, then ×).
        foreach (var row in new[] { "| sequence (10 activities) |", "| parallel (fork 4 + join) |", "| side effects (5, worker path) |", "| resume by signal |" })
        {
            var lines = table.Split('\n').Where(l => l.StartsWith(row, StringComparison.Ordinal)).ToList();
            Assert.True(lines.Count == 2, $"Expected the row '{row}' once per collector:\n{table}");
            Assert.All(lines, l => Assert.Matches(@"\| [\d,]+ \| [\d,]+ \| [\d.]+× \|", l));
        }

        Assert.Equal(2, table.Split('\n').Count(l => l.StartsWith("| 100 | ours (SQLite file) |", StringComparison.Ordinal)));
        Assert.Equal(2, table.Split('\n').Count(l => l.StartsWith("| 100 | WorkflowCore (in memory) |", StringComparison.Ordinal)));
        Assert.Contains("synchronous = FULL (asserted)", table, StringComparison.Ordinal);
    }

    /// <summary>Portal.Bench.dll built in this test's configuration (bench/Portal.Bench/bin/CONFIG/TFM).</summary>
    private static string BenchAssembly()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Portal.sln")))
        {
            root = root.Parent;
        }

        Assert.True(root is not null, $"No Portal.sln above {output.FullName}.");
        var bench = Path.Combine(root.FullName, "bench", "Portal.Bench", "bin", configuration, framework, "Portal.Bench.dll");
        Assert.True(File.Exists(bench), $"{bench} is not built. Build it first: dotnet build bench/Portal.Bench -c {configuration}");
        return bench;
    }
}
