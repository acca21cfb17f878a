using System.Globalization;
using System.Runtime.InteropServices;

namespace Portal.Bench;

/// <summary>Prints the pooled medians as a Markdown table with the machine and the command.</summary>
public static class ResultTable
{
    public static void Print(IReadOnlyList<Measurement> pooled, BenchOptions options, IReadOnlyList<string> args, int processes, TimeSpan took)
    {
        var culture = CultureInfo.InvariantCulture;
        var ours = pooled.Where(m => m.Engine == Measurement.Ours).ToDictionary(m => m.Metric, m => m.Value);
        var wfc = pooled.Where(m => m.Engine == Measurement.WorkflowCore).ToDictionary(m => m.Metric, m => m.Value);
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores ({Cpu()}), {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
        Console.WriteLine($"Command: dotnet run -c Release --project bench/Portal.Bench -- {string.Join(' ', args)}");
        Console.WriteLine($"Medians of {options.Runs} run(s) per process (memory: 1), pooled as the median over {processes} process(es); " +
            $"n = {options.N:N0}, suspended = {options.Suspended:N0}, solo samples = {options.SoloSamples}, batch = {options.Batch}; took {took.TotalMinutes:F1} min." +
            (options.Synchronous is { } level ? $" WHAT-IF, not the portal's setting: SQLite synchronous = {level}." : ""));
        Console.WriteLine();
        Console.WriteLine("| scenario | unit | ours (SQLite, persisted) | WorkflowCore 3.22.0 (in memory) | ratio ours ÷ WFC | target (issue) | met |");
        Console.WriteLine("|---|---|---:|---:|---:|---|---|");
        foreach (var row in MetricRow.All)
        {
            var hasOurs = ours.TryGetValue(row.Metric, out var o);
            var hasWfc = wfc.TryGetValue(row.WfcKey, out var w);
            if (!hasOurs && !hasWfc)
            {
                continue;
            }

            var ratio = hasOurs && hasWfc && w != 0 ? (o / w).ToString("N2", culture) + "×" : "—";
            var met = row.Met is null || !hasOurs || (!hasWfc && row.Target.Contains("WFC", StringComparison.Ordinal)) ? "—" : row.Met(o, w) ? "yes" : "**no**";
            Console.WriteLine($"| {row.Label} | {row.Unit} | {Value(hasOurs, o, row.Format)} | {Value(hasWfc, w, row.Format)} | {ratio} | {row.Target} | {met} |");
        }

        string Value(bool has, double value, string format) => has ? value.ToString(format, culture) : "—";
    }

    private static string Cpu()
    {
        const string cpuInfo = "/proc/cpuinfo";
        var model = File.Exists(cpuInfo)
            ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return model ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
