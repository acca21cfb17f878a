using System.Globalization;

namespace Portal.Web.Tests.Chaos;

/// <summary>
/// One row of the chaos table: what a scenario submitted, how it ended, what ran twice, what was re-delivered and what
/// leaked, counted in the world (the simulated datacenter's operation log, the reservations), and how long the portal
/// took to drain.
/// </summary>
/// <param name="RanTwice">Side effects that acted more than once on one machine: always a failure.</param>
/// <param name="Redelivered">
/// Steps the driver was asked again under a key it had acted on, and answered with its first result. Legitimate only
/// for a step in flight when its node died or the database went away (its act committed, its step's commit lost):
/// <paramref name="InFlight"/> bounds them when the scenario has such an event; without one there must be none.
/// </param>
/// <param name="InFlight">The steps in flight at the kill or the outage: the bound on <paramref name="Redelivered"/>; null when nothing was interrupted.</param>
public sealed record ScenarioResult(
    string Scenario, int Submitted, int Completed, int Failed, int RanTwice, int Redelivered, int? InFlight, int Leaked, TimeSpan Drain, string DrainFrom)
{
    public const string Header = "scenario\tsubmitted\tcompleted\tfailed\tran twice\tre-delivered (bound)\tleaked\ttime to drain";

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
        Scenario, Submitted, Completed, Failed, RanTwice, $"{Redelivered} ({InFlight ?? 0})", Leaked,
        $"{Drain.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s after {DrainFrom}");
}
