using System.Diagnostics;
using System.Text.Json;

namespace Portal.Bench;

/// <summary>
/// Runs one run of the sweep in a fresh process with the chosen garbage collector (DOTNET_gcServer=1 or 0; the portal
/// runs the server GC), one after another (in parallel they would share the cores). The child reports each cell as a
/// "RESULT {json}" line on standard output; its progress goes to standard error as it comes.
/// </summary>
public static class ChildProcesses
{
    public const string ResultPrefix = "RESULT ";

    public static async Task<List<CellResult>> RunAsync(IReadOnlyList<string> args, string gc, int run, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProcesses).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--child-run");
        start.ArgumentList.Add(run.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--child-gc");
        start.ArgumentList.Add(gc);
        start.Environment["DOTNET_gcServer"] = gc == "server" ? "1" : "0";
        Console.Error.WriteLine($"== {gc} GC, run {run}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start a child process.");
        var results = new List<CellResult>();
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                results.Add(JsonSerializer.Deserialize<CellResult>(line[ResultPrefix.Length..])!);
            }
            else
            {
                Console.Error.WriteLine(line);
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0
            ? results
            : throw new InvalidOperationException($"The {gc} GC run {run} exited with {process.ExitCode} (its error is above).");
    }
}
