using System.Globalization;

namespace Portal.Designer.Bench;

/// <summary>The command line: the definition's size, how many opens and how many node moves to time.</summary>
public sealed record DesignerBenchOptions(int Activities = 200, int Opens = 10, int Moves = 50, int Warmup = 3)
{
    public static DesignerBenchOptions? Parse(string[] args)
    {
        var options = new DesignerBenchOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return null;
            }

            options = args[i] switch
            {
                "--activities" when value >= 8 => options with { Activities = value },
                "--opens" => options with { Opens = value },
                "--moves" => options with { Moves = value },
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
