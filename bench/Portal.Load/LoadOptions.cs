using System.Globalization;

namespace Portal.Load;

/// <summary>The command line of the load program (see bench/README.md, "Portal under load").</summary>
public sealed record LoadOptions
{
    public const string Usage =
        """
        usage: Portal.Load [--clients 50] [--approvers N] [--duration 60s | --soak 10m] [--warmup 10s]
                           [--postgres "<connection string>"] [--nodes 1|2] [--hosts 8] [--portal <Portal.Web.dll>]
                           [--sample 5s] [--drain 120s] [--timeout 30s] [--watch-every 10] [--keep]
          --clients    requester clients, each submitting in a closed loop (50)
          --approvers  approver clients approving in a closed loop (default: clients / 5, at least 2)
          --duration   how long the clients submit (60s); --soak 10m samples memory every 30 s and fits its slope
          --warmup     the first part of the run, left out of the latencies and the rate (10s; 0 for none)
          --postgres   run on PostgreSQL: a fresh database portal_load_<random> on this server, dropped at the end
          --nodes      2: two portal processes on the same PostgreSQL database, clients spread over both
          --hosts      simulated hypervisor hosts registered with room for the whole run (8)
          --portal     the built Portal.Web.dll to start (default: the one built beside this program, same configuration)
          --sample     how often memory is sampled (5s; 30s in a soak)
          --drain      after the clients stop: how long approved requests get to reach a running server (120s)
          --timeout    one HTTP call longer than this is an error (30s)
          --watch-every  one approved request in K is polled until its server runs, for the approval-to-running time (10)
          --keep       keep the run folder (the portals' logs, the SQLite file) instead of deleting it
        """;

    public int Clients { get; init; } = 50;

    public int? ApproversOverride { get; init; }

    public int Approvers => ApproversOverride ?? Math.Max(2, Clients / 5);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    public bool Soak { get; init; }

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    public string? Postgres { get; init; }

    public int Nodes { get; init; } = 1;

    public int Hosts { get; init; } = 8;

    public string? PortalPath { get; init; }

    public TimeSpan? SampleOverride { get; init; }

    public TimeSpan Sample => SampleOverride ?? (Soak ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(5));

    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public bool Keep { get; init; }

    public int WatchEvery { get; init; } = 10;

    /// <summary>Parses the command line; null with <paramref name="error"/> set when it is wrong.</summary>
    public static LoadOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new LoadOptions();
        error = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (args[i] == "--keep")
            {
                options = options with { Keep = true };
                i--;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{args[i]} needs a value.";
                return null;
            }

            var value = args[i + 1];
            LoadOptions? next = args[i] switch
            {
                "--clients" when Count(value) is { } n => options with { Clients = n },
                "--approvers" when Count(value) is { } n => options with { ApproversOverride = n },
                "--duration" when Time(value) is { } t => options with { Duration = t, Soak = false },
                "--soak" when Time(value) is { } t => options with { Duration = t, Soak = true },
                "--warmup" when Time(value, allowZero: true) is { } t => options with { Warmup = t },
                "--postgres" when value.Length > 0 => options with { Postgres = value },
                "--nodes" when value is "1" or "2" => options with { Nodes = int.Parse(value, CultureInfo.InvariantCulture) },
                "--hosts" when Count(value) is { } n => options with { Hosts = n },
                "--portal" when value.Length > 0 => options with { PortalPath = value },
                "--sample" when Time(value) is { } t => options with { SampleOverride = t },
                "--drain" when Time(value) is { } t => options with { Drain = t },
                "--timeout" when Time(value) is { } t => options with { Timeout = t },
                "--watch-every" when Count(value) is { } n => options with { WatchEvery = n },
                _ => null,
            };
            if (next is null)
            {
                error = $"{args[i]} {value}: not an option or not a valid value.";
                return null;
            }

            options = next;
        }

        if (options.Nodes == 2 && options.Postgres is null)
        {
            error = "--nodes 2 needs --postgres: two portals on one SQLite file is not a supported deployment.";
            return null;
        }

        if (options.Warmup >= options.Duration)
        {
            error = $"--warmup ({options.Warmup.TotalSeconds:0} s) must be shorter than the run ({options.Duration.TotalSeconds:0} s).";
            return null;
        }

        return options;
    }

    private static int? Count(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;

    /// <summary>"90", "90s", "10m", "1h" (seconds when there is no unit).</summary>
    public static TimeSpan? Time(string text, bool allowZero = false)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var unit = text.Length > 0 && char.IsLetter(text[^1]) ? text[^1] : 's';
        var number = char.IsLetter(text[^1]) ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || (amount <= 0 && !allowZero))
        {
            return null;
        }

        return unit switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            _ => null,
        };
    }
}
