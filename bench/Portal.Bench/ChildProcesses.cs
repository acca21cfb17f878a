using System.Diagnostics;
using System.Text.Json;

namespace Portal.Bench;

/// <summary>
/// Runs the benchmark in P fresh processes, one after another (in parallel they would share the cores),
/// each reporting its medians as "RESULT {json}" lines on standard output.
/// </summary>
public static class ChildProcesses
{
    public const string ResultPrefix = "RESULT ";

    public static async Task<List<List<Measurement>>> RunAsync(IReadOnlyList<string> args, int processes, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        var childArgs = new List<string>();
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            childArgs.Add(typeof(ChildProcesses).Assembly.Location);
        }

        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--processes")
            {
                i++;
                continue;
            }

            childArgs.Add(args[i]);
        }

        childArgs.Add("--child");
        var results = new List<List<Measurement>>();
        for (var p = 1; p <= processes; p++)
        {
            Console.Error.WriteLine($"== process {p}/{processes}");
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
            childArgs.ForEach(start.ArgumentList.Add);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start a child process.");
            var measurements = new List<Measurement>();
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
                {
                    measurements.Add(JsonSerializer.Deserialize<Measurement>(line[ResultPrefix.Length..])!);
                }
                else
                {
                    Console.Error.WriteLine(line);
                }
            }

            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"Child process {p} exited with {process.ExitCode}.");
            }

            results.Add(measurements);
        }

        return results;
    }
}
