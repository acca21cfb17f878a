namespace Portal.Bench;

/// <summary>One point of the sweep: a scenario at C callers (and, for resume, with P instances suspended).</summary>
public sealed record Cell(string Scenario, int Callers, int Population)
{
    /// <summary>The sweep: every scenario at every caller count; resume by default as a star around the reference point.</summary>
    public static IReadOnlyList<Cell> Sweep(BenchOptions options)
    {
        var cells = new List<Cell>();
        foreach (var scenario in options.Scenarios.Where(s => s != "resume"))
        {
            cells.AddRange(options.Callers.Select(c => new Cell(scenario, c, 0)));
        }

        if (options.Scenarios.Contains("resume"))
        {
            foreach (var population in options.Populations)
            {
                cells.AddRange(options.Callers
                    .Where(c => options.ResumeCross || population == options.ReferencePopulation || c == options.ReferenceCallers)
                    .Select(c => new Cell("resume", c, population)));
            }
        }

        return cells;
    }
}
