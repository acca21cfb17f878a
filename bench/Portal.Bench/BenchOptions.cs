using System.Globalization;

namespace Portal.Bench;

/// <summary>The command line: which scenarios, which sweep, how long, how often, which garbage collectors.</summary>
public sealed record BenchOptions
{
    public const string Usage =
        "usage: Portal.Bench [--smoke] [--estimate] [--scenario sequence,parallel,effects,resume|all] [--callers 1,8,32,64] [--populations 1000,10000,100000] " +
        "[--resume-cross] [--n 20000] [--seconds 3] [--warmup 2000] [--warmup-rounds 3] [--warmup-seconds 5] [--runs 3] " +
        "[--gc both|server|workstation] [--engine ours|wfc|both] [--temp DIR] [--wfc-idle-ms 1] [--wfc-poll-ms 10000] [--wfc-workers N] [--profile] " +
        "[--synchronous NORMAL (what-if; default FULL, the portal's)]";

    public static readonly string[] AllScenarios = ["sequence", "parallel", "effects", "resume"];

    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

    /// <summary>Concurrent callers, each waiting for its instance to complete before taking another.</summary>
    public IReadOnlyList<int> Callers { get; init; } = [1, 8, 32, 64];

    /// <summary>Suspended instances present while resumes are measured.</summary>
    public IReadOnlyList<int> Populations { get; init; } = [1_000, 10_000, 100_000];

    /// <summary>Resume over every (callers, population) pair; by default the callers sweep runs at the reference population and the population sweep at the reference callers.</summary>
    public bool ResumeCross { get; init; }

    /// <summary>At most this many measured instances (or resumes) per cell.</summary>
    public int N { get; init; } = 20_000;

    /// <summary>The measured loop takes no new item after this many seconds (items taken finish).</summary>
    public double Seconds { get; init; } = 3;

    /// <summary>Instances per warm-up round (both engines, the same closed loop).</summary>
    public int Warmup { get; init; } = 2_000;

    /// <summary>Warm-up rounds the first time a scenario runs on an engine in a process; later cells (fresh database, fresh host) get one.</summary>
    public int WarmupRounds { get; init; } = 3;

    /// <summary>A warm-up round stops taking items after this many seconds (the same bound for both engines).</summary>
    public double WarmupSeconds { get; init; } = 5;

    /// <summary>Processes per garbage collector mode; the engine that goes first alternates from run to run.</summary>
    public int Runs { get; init; } = 3;

    public IReadOnlyList<string> GcModes { get; init; } = ["server", "workstation"];

    public bool RunOurs { get; init; } = true;

    public bool RunWorkflowCore { get; init; } = true;

    /// <summary>Where the SQLite files go; must be on a disk (checked).</summary>
    public string Temp { get; init; } = Path.GetTempPath();

    /// <summary>WorkflowCore's consumers sleep this long when their queue is empty (its default: 100 ms).</summary>
    public int WfcIdleMs { get; init; } = 1;

    /// <summary>
    /// WorkflowCore's poll for runnable instances (its default, 10 s, kept). In memory, work is handed over through its
    /// queue and the poll is only the fallback sweep, which scans every instance it holds: at 100 ms its resumes with
    /// 20,000 suspended instances ran about 6× slower (21/s against 130/s, 32 callers), and sequence and side effects
    /// did not change. So its best is its default.
    /// </summary>
    public int WfcPollMs { get; init; } = 10_000;

    /// <summary>WorkflowCore's MaxConcurrentWorkflows; null keeps its default, max(cores, 4).</summary>
    public int? WfcWorkers { get; init; }

    public bool Profile { get; init; }

    /// <summary>Print the estimate of the sweep and stop.</summary>
    public bool EstimateOnly { get; init; }

    /// <summary>A what-if: SQLite's synchronous level for our engine's connections; null keeps FULL, the portal's.</summary>
    public string? Synchronous { get; init; }

    public bool Smoke { get; init; }

    /// <summary>Set in a child process: which run it is (1-based) and which collector it was started with.</summary>
    public int ChildRun { get; init; }

    public string? ChildGc { get; init; }

    public string? Error { get; init; }

    /// <summary>The expected synchronous pragma value: FULL (2) unless the what-if says otherwise.</summary>
    public int ExpectedSynchronous => (Synchronous ?? "FULL") switch { "OFF" => 0, "NORMAL" => 1, "EXTRA" => 3, _ => 2 };

    /// <summary>The callers of the resume sweep's population axis, and the population of its callers axis.</summary>
    public int ReferenceCallers => Callers.Contains(32) ? 32 : Callers.Max();

    public int ReferencePopulation => Populations.Contains(10_000) ? 10_000 : Populations.Order().ElementAt(Populations.Count / 2);

    /// <summary>Tiny and quick: one run per collector, both engines, every scenario.</summary>
    public static BenchOptions SmokeDefaults => new()
    {
        Smoke = true, Callers = [4], Populations = [100], N = 30, Seconds = 1, Warmup = 10, WarmupRounds = 1, WarmupSeconds = 1, Runs = 1,
    };

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--smoke") ? SmokeDefaults : new BenchOptions();
        var queue = new Queue<string>(args);
        while (queue.TryDequeue(out var name))
        {
            if (name is "--smoke" or "--profile" or "--resume-cross" or "--estimate")
            {
                options = name switch
                {
                    "--estimate" => options with { EstimateOnly = true },
                    "--profile" => options with { Profile = true },
                    "--resume-cross" => options with { ResumeCross = true },
                    _ => options,
                };
                continue;
            }

            if (!queue.TryDequeue(out var value))
            {
                return options with { Error = $"'{name}' needs a value." };
            }

            var numbers = value.Split(',').Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList();
            var number = numbers.Count == 1 ? numbers[0] : 0;
            var real = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : 0;
            options = name switch
            {
                "--scenario" => options with { Scenarios = value == "all" ? AllScenarios : value.Split(',') },
                "--synchronous" when value.ToUpperInvariant() is "OFF" or "NORMAL" or "FULL" or "EXTRA" => options with { Synchronous = value.ToUpperInvariant() },
                "--engine" when value is "ours" or "wfc" or "both" => options with { RunOurs = value != "wfc", RunWorkflowCore = value != "ours" },
                "--gc" when value is "both" or "server" or "workstation" => options with { GcModes = value == "both" ? ["server", "workstation"] : [value] },
                "--temp" => options with { Temp = value },
                "--child-gc" when value is "server" or "workstation" => options with { ChildGc = value },
                "--callers" when numbers.All(n => n > 0) => options with { Callers = numbers },
                "--populations" when numbers.All(n => n > 0) => options with { Populations = numbers },
                "--seconds" when real > 0 => options with { Seconds = real },
                "--warmup-seconds" when real > 0 => options with { WarmupSeconds = real },
                _ when number <= 0 => options with { Error = $"'{name} {value}' is not a known option with a valid value." },
                "--n" => options with { N = number },
                "--warmup" => options with { Warmup = number },
                "--warmup-rounds" => options with { WarmupRounds = number },
                "--runs" => options with { Runs = number },
                "--wfc-idle-ms" => options with { WfcIdleMs = number },
                "--wfc-poll-ms" => options with { WfcPollMs = number },
                "--wfc-workers" => options with { WfcWorkers = number },
                "--child-run" => options with { ChildRun = number },
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
