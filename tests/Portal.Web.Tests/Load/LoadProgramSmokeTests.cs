using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Web.Tests.Load;

/// <summary>
/// The load program (bench/Portal.Load) run as a reader would run it, with tiny settings, so it never rots: it starts
/// the built portal on a fresh SQLite file, two requesters and two approvers drive the API for a few seconds, and it
/// prints its table. Not a measurement: only that the run works end to end without an error.
/// </summary>
public sealed class LoadProgramSmokeTests
{
    [Fact]
    public async Task A_tiny_load_run_on_SQLite_submits_approves_and_reports_no_errors()
    {
        var program = LoadProgramDll();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { program, "--clients", "2", "--approvers", "2", "--duration", "5s", "--warmup", "1s", "--hosts", "1", "--drain", "60s", "--watch-every", "1" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The load program did not finish within 4 minutes. It printed:\n{Text(output)}\n{Text(error)}");
        }

        await process.WaitForExitAsync(CancellationToken.None);
        var printed = Text(output);
        var said = $"It printed:\n{printed}\nand on standard error:\n{Text(error)}";
        Assert.True(process.ExitCode == 0, $"The load program exited with {process.ExitCode}. {said}");
        Assert.True(printed.Contains("load run: done", StringComparison.Ordinal), $"The load program printed no finished table. {said}");
        Assert.True(Cell(printed, "errors") == 0, $"The run had errors. {said}");
        Assert.True(Cell(printed, "submissions (in window)") > 0, $"The run submitted nothing in its window. {said}");
        // The portal's own CPU over the window is read from /proc: a node that served the window used some.
        var cores = Regex.Match(printed, @"^\| cores busy in the window: [^|]* \| (\d+\.\d\d) / (\d+\.\d\d) / ", RegexOptions.Multiline);
        Assert.True(cores.Success && double.Parse(cores.Groups[1].Value, CultureInfo.InvariantCulture) > 0,
            $"The table has no CPU figure for the portal node. {said}");
    }

    /// <summary>The number in the value column of the table's row named <paramref name="measure"/>; -1 when the row is missing.</summary>
    private static long Cell(string table, string measure)
    {
        var match = Regex.Match(table, $@"^\| {Regex.Escape(measure)} \| (\d+) \|", RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    /// <summary>
    /// bench/Portal.Load/bin/&lt;configuration&gt;/&lt;framework&gt;/Portal.Load.dll, in the configuration these tests were built
    /// in (the test project references it, so building the tests builds it; so does Portal.sln).
    /// </summary>
    private static string LoadProgramDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Portal.sln")))
        {
            root = root.Parent;
        }

        Assert.True(root is not null, $"No Portal.sln above {AppContext.BaseDirectory}: the tests do not run from the repository.");
        var dll = Path.Combine(root.FullName, "bench", "Portal.Load", "bin", configuration, framework, "Portal.Load.dll");
        Assert.True(File.Exists(dll),
            $"The load program is not built: {dll} does not exist. Build it: dotnet build bench/Portal.Load -c {configuration} (or dotnet build Portal.sln).");
        return dll;
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }

    private static string Text(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
