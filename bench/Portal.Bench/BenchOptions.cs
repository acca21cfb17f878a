namespace Portal.Bench;

/// <summary>The command line: which scenarios, how big, how often, in how many processes.</summary>
public sealed record BenchOptions
{
    public const string Usage =
        "usage: Portal.Bench [--scenario sequence|parallel|resume|memory|all] [--n 10000] [--suspended 100000] [--solo 200] " +
        "[--runs 3] [--processes 1] [--batch 50] [--concurrency 32] [--profile] [--engine ours|wfc|both] [--synchronous NORMAL (what-if; default: the provider's)]";

    public static readonly string[] AllScenarios = ["sequence", "parallel", "resume", "memory"];

    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

    public int N { get; init; } = 10_000;

    public int Suspended { get; init; } = 100_000;

    public int SoloSamples { get; init; } = 200;

    public int Runs { get; init; } = 3;

    public int Processes { get; init; } = 1;

    /// <summary>Work items per ProcessDueAsync call; 50 is the portal worker's default.</summary>
    public int Batch { get; init; } = 50;

    /// <summary>
    /// How many callers start and resume instances at the same time, each waiting for its call before making the
    /// next, as that many concurrent HTTP requests would. The same for both engines; 1 is one caller at a time.
    /// </summary>
    public int Concurrency { get; init; } = 32;

    public bool Profile { get; init; }

    /// <summary>A what-if: SQLite's synchronous level for our engine's connections; null keeps the provider's default.</summary>
    public string? Synchronous { get; init; }

    public bool Child { get; init; }

    public bool RunOurs { get; init; } = true;

    public bool RunWorkflowCore { get; init; } = true;

    public string? Error { get; init; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        var queue = new Queue<string>(args);
        while (queue.TryDequeue(out var name))
        {
            if (name is "--profile" or "--child")
            {
                options = name == "--profile" ? options with { Profile = true } : options with { Child = true };
                continue;
            }

            if (!queue.TryDequeue(out var value))
            {
                return options with { Error = $"'{name}' needs a value." };
            }

            int.TryParse(value, out var number);
            options = name switch
            {
                "--scenario" => options with { Scenarios = value == "all" ? AllScenarios : value.Split(',') },
                "--synchronous" when value.ToUpperInvariant() is "OFF" or "NORMAL" or "FULL" or "EXTRA" => options with { Synchronous = value.ToUpperInvariant() },
                "--engine" when value is "ours" or "wfc" or "both" => options with { RunOurs = value != "wfc", RunWorkflowCore = value != "ours" },
                _ when number <= 0 => options with { Error = $"'{name} {value}' is not a known option with a positive number." },
                "--n" => options with { N = number },
                "--suspended" => options with { Suspended = number },
                "--solo" => options with { SoloSamples = number },
                "--runs" => options with { Runs = number },
                "--processes" => options with { Processes = number },
                "--batch" => options with { Batch = number },
                "--concurrency" => options with { Concurrency = number },
                _ => options with { Error = $"Unknown option '{name}'." },
            };
            if (options.Error is not null)
            {
                return options;
            }
        }

        var unknown = options.Scenarios.Except(AllScenarios).ToList();
        return unknown.Count > 0 ? options with { Error = $"Unknown scenario '{unknown[0]}'." } : options;
    }
}
