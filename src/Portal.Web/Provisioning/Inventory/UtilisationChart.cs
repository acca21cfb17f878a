using System.Globalization;

namespace Portal.Web.Provisioning.Inventory;

/// <summary>
/// A stacked bar chart's data, free of any chart component: one bar per platform (<see cref="Labels"/>), each
/// stacked from the same segments (<see cref="Series"/>), with a colour per segment.
/// </summary>
public sealed record UtilisationChart(
    string Title, string Unit, IReadOnlyList<string> Labels, IReadOnlyList<UtilisationSeries> Series, IReadOnlyList<string> Colors)
{
    public bool IsEmpty => Labels.Count == 0;

    /// <summary>The whole bar: every segment added up.</summary>
    public double Total(int bar) => Series.Sum(s => s.Values[bar]);

    public double ValueOf(string series, int bar) => Series.Single(s => s.Name == series).Values[bar];

    /// <summary>"Allocated 12 · Free 212 of 224 vCPU": one bar in words, its empty segments left out.</summary>
    public string Describe(int bar)
    {
        var parts = Series.Where(s => s.Values[bar] > 0).Select(s => $"{s.Name} {Number(s.Values[bar])}").ToList();
        return parts.Count == 0 ? $"nothing ({Unit})" : $"{string.Join(" · ", parts)} of {Number(Total(bar))} {Unit}";
    }

    /// <summary>A round step between the value axis' lines (1, 2, 5, 10, 20, 50, …) giving about five of them up to the tallest bar.</summary>
    public int TickStep()
    {
        var tallest = Labels.Count == 0 ? 0 : Enumerable.Range(0, Labels.Count).Max(Total);
        var rough = Math.Max(1, tallest / 5);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 5, 10 }.Select(f => f * magnitude).First(s => s >= rough);
        return (int)Math.Max(1, step);
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
