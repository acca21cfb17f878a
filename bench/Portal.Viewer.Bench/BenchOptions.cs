using System.Globalization;

namespace Portal.Viewer.Bench;

/// <summary>The command line: the instance's size and how many opens to time.</summary>
public sealed record BenchOptions(int Activities = 200, int Entries = 1000, int Opens = 10, int Warmup = 3)
{
    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return null;
            }

            options = args[i] switch
            {
                "--activities" when value >= 8 => options with { Activities = value },
                "--entries" => options with { Entries = value },
                "--opens" => options with { Opens = value },
                "--warmup" => options with { Warmup = value },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
        }

        return args.Length % 2 == 0 ? options : null;
    }
}
