using System.Globalization;

namespace Portal.Web.Tests.Chaos;

/// <summary>
/// One row of the chaos table: what a scenario submitted, how it ended, what ran twice and what leaked, counted in the
/// world (the simulated datacenter's operation log, the reservations), and how long the portal took to drain.
/// </summary>
public sealed record ScenarioResult(string Scenario, int Submitted, int Completed, int Failed, int RanTwice, int Leaked, TimeSpan Drain, string DrainFrom)
{
    public const string Header = "scenario\tsubmitted\tcompleted\tfailed\tran twice\tleaked\ttime to drain";

    /// <summary>
    /// Prints the row to the test's output and, when PORTAL_CHAOS_TABLE names a folder, writes it there for
    /// tests/chaos-table.sh to gather into the table.
    /// </summary>
    public void Report()
    {
        TestContext.Current.TestOutputHelper?.WriteLine(Header);
        TestContext.Current.TestOutputHelper?.WriteLine(ToString());
        if (Environment.GetEnvironmentVariable("PORTAL_CHAOS_TABLE") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, Scenario[..1] + ".tsv"), ToString() + "\n");
        }
    }

    public override string ToString() => string.Join('\t',
        Scenario, Submitted, Completed, Failed, RanTwice, Leaked,
        $"{Drain.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s after {DrainFrom}");
}
