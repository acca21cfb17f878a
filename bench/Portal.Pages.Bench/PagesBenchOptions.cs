using System.Globalization;

namespace Portal.Pages.Bench;

/// <summary>The command line: <c>seed</c> or <c>time</c>, then options (see bench/README.md, "Pages at scale").</summary>
public sealed record PagesBenchOptions
{
    public required string Verb { get; init; }

    /// <summary>The portal's data directory (its SQLite database, keys and log).</summary>
    public string DataDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "portal-pages-bench");

    /// <summary>A PostgreSQL connection string: the portal (and the seed) use it instead of SQLite.</summary>
    public string? Postgres { get; init; }

    public SeedSizes Sizes { get; init; } = new();

    /// <summary>Timed GETs of each page after the warm-up.</summary>
    public int Requests { get; init; } = 20;

    public int Warmup { get; init; } = 5;

    /// <summary>Timed next-page clicks per page in the browser.</summary>
    public int Pagings { get; init; } = 10;

    /// <summary>Browser pages held open for the memory per circuit; 0 skips it.</summary>
    public int Circuits { get; init; } = 20;

    /// <summary>Which pages to time (keys of <see cref="BenchPages.All"/>); all by default.</summary>
    public IReadOnlyList<string> Pages { get; init; } = [];

    /// <summary>Skip the browser (paging and circuits): the server render only.</summary>
    public bool NoBrowser { get; init; }

    public static PagesBenchOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is not ("seed" or "time"))
        {
            throw new ArgumentException(Usage);
        }

        var options = new PagesBenchOptions { Verb = args[0] };
        var sizes = new SeedSizes();
        for (var i = 1; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            int Count() => int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--data": options = options with { DataDirectory = Path.GetFullPath(Next()) }; break;
                case "--postgres": options = options with { Postgres = Next() }; break;
                case "--images": sizes = sizes with { Images = Count() }; break;
                case "--servers": sizes = sizes with { Servers = Count() }; break;
                case "--instances": sizes = sizes with { Instances = Count() }; break;
                case "--users": sizes = sizes with { Users = Count() }; break;
                case "--requests": options = options with { Requests = Count() }; break;
                case "--warmup": options = options with { Warmup = Count() }; break;
                case "--pagings": options = options with { Pagings = Count() }; break;
                case "--circuits": options = options with { Circuits = Count() }; break;
                case "--pages": options = options with { Pages = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) }; break;
                case "--no-browser": options = options with { NoBrowser = true }; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}");
            }
        }

        if (sizes.Instances < sizes.Servers)
        {
            throw new ArgumentException("--instances must be at least --servers: every seeded deployment has its workflow instance.");
        }

        return options with { Sizes = sizes };
    }

    public const string Usage = """
        Usage:
          Portal.Pages.Bench seed [--data DIR] [--postgres CONNECTION] [--images 10000] [--servers 5000] [--instances 100000] [--users 1000]
          Portal.Pages.Bench time [--data DIR] [--postgres CONNECTION] [--requests 20] [--warmup 5] [--pagings 10] [--circuits 20]
                                  [--pages library,inventory,servers,deployments,instances,users] [--no-browser]
        DIR defaults to $TMPDIR/portal-pages-bench. seed needs a fresh DIR (or an empty database): it starts the portal once
        there (migrations, demo data and users), stops it, then adds the bench rows.
        """;
}
